"""Tell how much a capitalised run looks like a person's name, from common name parts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from bot.names import fold

NOT_A_NAME = 0
PLAUSIBLE = 1
STRONG = 2


# Title-case headline words that are also romanised syllables; a name does not end with one.
_TRAILING_WORDS = frozenset(["in", "on", "an", "are", "is", "to", "do", "so", "go", "no", "be", "he", "me", "we",
                             "as", "at", "of", "or", "a", "i", "by", "up"])
# A credit joined to a name by a hyphen ("the Jo Marsh-starrer") ends the name; the word is no part of it.
_HYPHEN_CREDITS = ("-led", "-starrer", "-starring", "-fronted", "-helmed", "-directed", "-created", "-penned",
                   "-written", "-produced", "-backed")


@dataclass(frozen=True, slots=True)
class _Parts:
    korean_surnames: frozenset[str]
    korean_syllables: frozenset[str]
    chinese_surnames: frozenset[str]
    chinese_syllables: frozenset[str]
    japanese_surnames: frozenset[str]
    morae: frozenset[str]
    given: frozenset[str]
    not_names: frozenset[str]
    thai_endings: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    with resources.files("bot.data").joinpath("names.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def words(key: str) -> frozenset[str]:
    """Return one list of the [words] section of names.toml (stop words, particles, descriptors, credit nouns)."""
    return frozenset(str(word) for word in _data()["words"][key])


@cache
def _parts() -> _Parts:
    data = _data()

    def folded(section: str, key: str) -> frozenset[str]:
        return frozenset(fold(word) for word in data[section][key])

    return _Parts(
        folded("korean", "surnames"), folded("korean", "syllables"), folded("chinese", "surnames"),
        folded("chinese", "syllables"), folded("japanese", "surnames"), folded("japanese", "morae"),
        folded("western", "given"), folded("western", "not_names"), tuple(data["thai"]["endings"]),
    )


@lru_cache(maxsize=16384)
def _segments(word: str, syllables: frozenset[str], most: int) -> bool:
    """Tell whether a lower-case word splits into at most `most` of the syllables."""
    if not word:
        return True
    if most == 0:
        return False
    return any(word[:size] in syllables and _segments(word[size:], syllables, most - 1)
               for size in range(min(len(word), 6), 0, -1))


def _given_part(token: str, syllables: frozenset[str]) -> bool:
    pieces = [piece for piece in fold(token).replace("’", "-").replace("'", "-").split("-") if piece]
    if len(pieces) > 1:
        return all(_segments(piece, syllables, 1) for piece in pieces)
    return bool(pieces) and _segments(pieces[0], syllables, 2)


def _east_asian(tokens: list[str], surnames: frozenset[str], syllables: frozenset[str]) -> bool:
    """Surname first (or last) and one or two given-name parts made of the syllables."""
    for surname, given in ((tokens[0], tokens[1:]), (tokens[-1], tokens[:-1])):
        if fold(surname) not in surnames or not 1 <= len(given) <= 2 or fold(given[-1]) in _TRAILING_WORDS:
            continue
        if len(given) == 1 and _given_part(given[0], syllables):
            return True
        if len(given) == 2 and all(_segments(fold(t), syllables, 1) for t in given):
            return True
    return False


def _japanese(tokens: list[str], parts: _Parts) -> int:
    if len(tokens) != 2:
        return NOT_A_NAME
    moraic = [_segments(fold(t).replace("ō", "o").replace("ū", "u"), parts.morae, 8) for t in tokens]
    if all(moraic) and any(fold(t) in parts.japanese_surnames for t in tokens):
        return STRONG
    if all(moraic) and min(len(t) for t in tokens) >= 4 and sum(len(t) for t in tokens) >= 10:
        return STRONG
    return PLAUSIBLE if all(moraic) and min(len(t) for t in tokens) >= 3 else NOT_A_NAME


def romanised_japanese(word: str) -> bool:
    """Tell whether a word reads as romanised Japanese: a few morae ("Iru", "Hanashi", "Fūkiin")."""
    folded = fold(word).replace("ō", "o").replace("ū", "u").replace("ā", "a")
    return folded.isalpha() and _segments(folded, _parts().morae, 8)


@lru_cache(maxsize=16384)
def name_shape(name: str) -> int:
    """Return NOT_A_NAME, PLAUSIBLE or STRONG for a run of capitalised words."""
    tokens = name.split()
    parts = _parts()
    if not 1 <= len(tokens) <= 4 or any(fold(t.rstrip(".")) in parts.not_names for t in tokens[1:]):
        return NOT_A_NAME
    if tokens[-1].casefold().endswith(_HYPHEN_CREDITS):
        return NOT_A_NAME
    if not all(t[:1].isupper() or t in ("de", "van", "von", "der", "da", "di", "bo", "le", "la") for t in tokens):
        return NOT_A_NAME
    if len(tokens) == 1:
        return PLAUSIBLE if fold(tokens[0]) not in parts.not_names else NOT_A_NAME
    if fold(tokens[0]) in parts.not_names:
        return NOT_A_NAME
    if (_east_asian(tokens, parts.korean_surnames, parts.korean_syllables)
            or _east_asian(tokens, parts.chinese_surnames, parts.chinese_syllables)):
        return STRONG
    if fold(tokens[0]) in parts.given and len(tokens) <= 3:
        return STRONG
    if len(tokens) == 2 and 2 <= len(tokens[0]) <= 7 and len(tokens[1]) >= 6 and fold(tokens[1]).endswith(
        parts.thai_endings
    ):
        return STRONG
    return max(_japanese(tokens, parts), PLAUSIBLE)


def korean_surname(word: str) -> bool:
    """Tell whether a word is a common romanised Korean surname."""
    return fold(word) in _parts().korean_surnames


def is_given_name(word: str) -> bool:
    """Tell whether a word is a common Western given name."""
    return fold(word) in _parts().given


def is_not_name_word(word: str) -> bool:
    """Tell whether a word marks a capitalised run as a thing rather than a person."""
    return fold(word.rstrip(".")) in _parts().not_names
