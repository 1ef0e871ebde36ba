"""Split news text into the tokens names are read from, tell name-shaped tokens, and read one name."""

from __future__ import annotations

import bisect
import operator
import re
from functools import lru_cache

from bot.extract import lexicon
from bot.extract.nameshape import is_not_name_word, korean_surname, words

# A star inside a word belongs to it: group names such as "IZ*ONE" stand before members' names.
# A line break after a capitalised word is a token of its own: a name never runs on from a headline or a heading
# into the next line ("... Casts Abby" / "Ana Ruiz will ..."); other breaks stay out of the way of list readers.
# Written so that the common case (a run of word characters) is one repeat the engine runs in C.
_TOKEN = re.compile(r"\w[\w’'\-]*(?:\*(?=\w)[\w’'\-]*)*(?:\.(?=\w)\w*)?\.?|[^\w\s]|\n")
_WHOLE = operator.itemgetter(0)
_POSITION = operator.itemgetter(1)
_POSSESSIVE = ("’s", "'s", "’", "s'")
_NAME_SYLLABLES = frozenset(["In", "On", "An", "So", "Do", "Go", "No", "Oh", "Ah", "Ye", "Yi", "Bo", "Da", "Ha"])
OPENING_QUOTES = frozenset(['"', "“", "‘", "'"])
CLOSING_QUOTES = frozenset(['"', "”", "’", "'"])
CLOSERS = frozenset({",", ".", ";", ")", "&", "and", "as", "!", "?", ":"})


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    stop = len(text) if end is None else end
    found = list(_TOKEN.finditer(text, start, stop))
    # Mapped in C rather than a comprehension: a whole article holds thousands of tokens.
    tokens = list(zip(map(_WHOLE, found), map(re.Match.start, found), strict=True))
    if text.find("\n", start, stop) < 0:
        return tokens
    last = len(tokens) - 1
    return [token for index, token in enumerate(tokens) if token[0] != "\n" or (
        0 < index < last and tokens[index - 1][0][:1].isupper() and tokens[index + 1][0][:1].isupper())]


_BLOCK = 200
_SPACE = re.compile(r"\s")


class Tokens:
    """A text's name-reading tokens, made block by block where they are first asked for, and sliced by offset.

    Blocks end at a whitespace character, which no token holds or looks at: tokenising them one by one gives the
    tokens of the whole text. The cues that read names cover about half of an article.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [0]
        for block_start in range(_BLOCK, len(text), _BLOCK):
            space = _SPACE.search(text, max(block_start, bounds[-1] + 1))
            if space is None:
                break
            bounds.append(space.start())
        bounds.append(len(text))
        self.bounds = bounds
        self.blocks: dict[int, tuple[list[tuple[str, int]], list[int]]] = {}

    def _block(self, index: int) -> tuple[list[tuple[str, int]], list[int]]:
        block = self.blocks.get(index)
        if block is None:
            items = tokenise(self.text, self.bounds[index], self.bounds[index + 1])
            block = self.blocks[index] = (items, list(map(_POSITION, items)))
        return block

    def between(self, start: int, end: int) -> list[tuple[str, int]]:
        """Return the tokens that start in [start, end)."""
        if end <= start or not self.text:
            return []
        bounds = self.bounds
        first = max(bisect.bisect_right(bounds, start) - 1, 0)
        last = min(bisect.bisect_left(bounds, end), len(bounds) - 1)
        found: list[tuple[str, int]] = []
        for index in range(first, last):
            items, starts = self._block(index)
            found += items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        return found


@lru_cache(maxsize=16384)
def bare_token(token: str) -> str:
    for ending in _POSSESSIVE:
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token.rstrip(".") if len(token) > 2 else token


def possessive(token: str) -> bool:
    return token.endswith(("’s", "'s")) and len(token) > 3


@lru_cache(maxsize=16384)
def capital(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and letters[0].isupper() and token[0].isalpha()


@lru_cache(maxsize=16384)
def _is_place_or_platform(word: str) -> bool:
    plain = lexicon.platforms()[0]
    for matcher in (plain, lexicon.gazetteer("countries", folded=False), lexicon.gazetteer("cities", folded=False)):
        hit = next(matcher.find(word), None)
        if hit is not None and hit.start == 0 and hit.end == len(word):
            return True
    return False


@lru_cache(maxsize=16384)
def name_token(token: str) -> bool:
    bare = bare_token(token)
    return (capital(bare) and bare.casefold() not in words("stop") and not _is_place_or_platform(bare)
            and not any(ch.isdigit() for ch in bare) and not is_not_name_word(bare)
            and not (bare.isupper() and lexicon.job_for(bare)))


def syllable_word(token: str) -> bool:
    """Tell whether a capitalised short word is a syllable inside an East Asian name ("Ko Da Im" style)."""
    return token in _NAME_SYLLABLES


def _after_nickname(tokens: list[tuple[str, int]], i: int) -> int:
    """Return where a name goes on after a quoted nickname inside it (Thai style: Metawin “Win” Opas), else 0."""
    close = next((k for k in range(i + 1, min(i + 5, len(tokens))) if tokens[k][0] in CLOSING_QUOTES), None)
    if close is None or close == i + 1 or close + 1 >= len(tokens):
        return 0
    if not all(capital(token) for token, _ in tokens[i + 1 : close]) or not name_token(tokens[close + 1][0]):
        return 0
    return close + 1


def before_nickname(tokens: list[tuple[str, int]], k: int) -> int | None:
    """Return the index of the given name before a quoted nickname that ends right before tokens[k], else None."""
    if k < 4 or tokens[k - 1][0] not in CLOSING_QUOTES:
        return None
    opening = next((m for m in range(k - 2, max(k - 6, 0), -1) if tokens[m][0] in OPENING_QUOTES), None)
    if opening is None or opening == k - 2 or not name_token(tokens[opening - 1][0]):
        return None
    return opening - 1 if _after_nickname(tokens, opening) == k else None


def _closing_syllable(parts: list[str], token: str, tokens: list[tuple[str, int]], i: int) -> bool:
    """Tell whether a syllable word ends a three-part Korean name ("Jung Hae In and ...", "Kim Jong In,").

    Not before a capitalised word: in a title-case headline "Song Kang In Talks" the "In" starts a phrase; running
    text capitalises neither "in" nor the word after it.
    """
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return (len(parts) == 2 and syllable_word(token) and korean_surname(parts[0])
            and (not following or following in CLOSERS or following == "And" or following.islower()))


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def initial(token: str) -> bool:
    """Tell whether a token is one or more initials ("J.", "J.D.", "E.L.")."""
    return _INITIALS.fullmatch(token) is not None


def name_part(token: str) -> str:
    """Return a name part as written: initials and a generational suffix keep their dots ("J.D.", "Jr.")."""
    return token if initial(token) or token in ("Jr.", "Sr.") else bare_token(token)


def take_name(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int, bool]:
    """Read one name at tokens[i:]; return it, the next index and whether a group possessive introduced it."""
    prefixed = False
    while i < len(tokens) and possessive(tokens[i][0]) and (
        tokens[i][0][0].isdigit() or capital(tokens[i][0])
    ) and i + 1 < len(tokens) and capital(tokens[i + 1][0]):
        prefixed, i = True, i + 1
    parts: list[str] = []
    while i < len(tokens) and len(parts) < 5:
        token = tokens[i][0]
        if parts and tokens[i][1] - tokens[i - 1][1] - len(tokens[i - 1][0]) > 1:
            break
        if name_token(token):
            parts.append(name_part(token))
            i += 1
            if possessive(token) or (token.endswith(".") and not (
                initial(token) and i < len(tokens) and capital(tokens[i][0]))):
                break
        elif parts and (token in words("particles") or syllable_word(token)) and i + 1 < len(tokens) and name_token(
            tokens[i + 1][0]
        ):
            parts.append(token)
            i += 1
        elif len(parts) == 1 and token in OPENING_QUOTES and (after := _after_nickname(tokens, i)):
            i = after
        elif _closing_syllable(parts, token, tokens, i):
            parts.append(token)
            i += 1
            break
        else:
            break
    if len(parts) > 1 and parts[-1].isupper() and lexicon.job_for(parts[-1]):
        parts.pop()
    if len(parts) > 1 and parts[0].isupper() and lexicon.job_for(parts[0]):
        parts.pop(0)
    if not parts or len(parts) > 4:
        return None, i, prefixed
    return " ".join(parts), i, prefixed
