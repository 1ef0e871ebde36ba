"""Step over what stands around a person's name: descriptors, award and earlier credits, jobs, asides."""

from __future__ import annotations

from functools import cache

from bot.extract import lexicon
from bot.extract.nameshape import STRONG, name_shape, words
from bot.extract.nametokens import CLOSING_QUOTES, OPENING_QUOTES, capital, initial, possessive

DESCRIPTION_ENDS = frozenset([",", "and", "or", "while", "with"])


@cache
def lead_words() -> frozenset[str]:
    """Return the words that may describe a person right before their name (descriptors and credit nouns)."""
    return words("descriptors") | words("credit_nouns")


def skip_descriptors(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip the words that describe a person before their name ("the late", "executive producer")."""
    j = i
    if j < len(tokens) and tokens[j][0] in OPENING_QUOTES:
        k = next((k for k in range(j + 1, min(j + 12, len(tokens))) if tokens[k][0] in CLOSING_QUOTES), None)
        leads = lead_words()
        if k is not None and k + 1 < len(tokens) and tokens[k + 1][0].casefold() in leads:
            j = k + 1
    if j < len(tokens) and tokens[j][0] == "the" and j + 1 < len(tokens) and tokens[j + 1][0] == "late":
        j += 1
    elif [t for t, _ in tokens[j : j + 3]] == ["the", "likes", "of"]:
        j += 3
    # Up to three plain words may describe the descriptor ("already confirmed male leads A", "just announced lead B").
    k = described = j
    while k < len(tokens) and k - described < 3 and tokens[k][0].isalpha() and tokens[k][0].islower() and (
            tokens[k][0] not in DESCRIPTION_ENDS):
        k += 1
        if k < len(tokens) and tokens[k][0] in lead_words():
            j = k
    if j < len(tokens) and tokens[j][0] in ("the", "a", "an") and _skip_award(tokens, j + 1) > j + 1:
        j += 1
    j = _skip_award(tokens, j)
    first = j
    while j < len(tokens) and j - first < 3 and (
        (tokens[j][0].casefold() in words("descriptors") and tokens[j][0][:1].islower())
        or _show_before_descriptor(tokens, j)
    ):
        j += 1
    j = _skip_credit_prefix(tokens, j)
    return j if j < len(tokens) and capital(tokens[j][0]) else i


def _show_before_descriptor(tokens: list[tuple[str, int]], j: int) -> bool:
    """Tell whether a letters-and-digits word names a group or audition show before a descriptor ("Idol99 trainee")."""
    token = tokens[j][0]
    return (j + 1 < len(tokens) and any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token)
            and tokens[j + 1][0] in words("descriptors"))


def _skip_award(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip an award credit before a name ("Emmy, SAG and Golden Globe Award winner", "two-time Oscar nominee")."""
    parts, ends = words("award_parts"), words("award_ends")
    j, awarded = i, False
    while j < len(tokens) and j - i < 12:
        pieces = tokens[j][0].casefold().split("-")
        if awarded and pieces[-1] in ends:
            return _skip_more_awards(tokens, j + 1)
        if any(piece in parts for piece in pieces):
            awarded = True
            if len(pieces) > 1 and pieces[-1] in ends:
                return _skip_more_awards(tokens, j + 1)
        elif not (awarded and tokens[j][0] in (",", "and", "&")) and not (j == i and pieces[-1] == "time"):
            break
        j += 1
    return i


def _skip_more_awards(tokens: list[tuple[str, int]], j: int) -> int:
    """Go on past a second award credit joined to the first ("Emmy winner and Golden Globe nominee X")."""
    if j < len(tokens) and tokens[j][0] in ("and", "&"):
        after = _skip_award(tokens, j + 1)
        if after > j + 1:
            return after
    return j


def _skip_credit_prefix(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip an earlier credit written before a name: "Show’s Name" or "Show actor Name"."""
    j = i
    if i < len(tokens) and possessive(tokens[i][0]):
        return i
    while j < len(tokens) and j - i < 7 and (capital(tokens[j][0]) or tokens[j][0] in ("of", "the", ":")):
        if possessive(tokens[j][0]) and j + 1 < len(tokens) and capital(tokens[j + 1][0]):
            return j + 1
        if (tokens[j][0].endswith(".") and not initial(tokens[j][0])) or (
            j > i and tokens[j][1] - tokens[j - 1][1] - len(tokens[j - 1][0]) > 1
        ):
            return i
        j += 1
    if j > i and j + 1 < len(tokens) and capital(tokens[j + 1][0]) and (
        tokens[j][0] in words("credit_nouns") or (tokens[j][0].islower() and lexicon.job_for(tokens[j][0]))
    ):
        return j + 1
    return i


def skip_aside(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip an aside after a name ("from Earlier Show", "of Some Show fame", ", best known for X,")."""
    if i < len(tokens) and tokens[i][0] in ("from", "of") and i + 1 < len(tokens) and capital(tokens[i + 1][0]):
        j = i + 1
        while j < len(tokens) and j - i < 10 and tokens[j][0] not in (",", ";", ".", "and", "&", "fame"):
            j += 1
        return j + 1 if j < len(tokens) and tokens[j][0] == "fame" else j
    if (i + 1 < len(tokens) and tokens[i][0] == "," and tokens[i + 1][0][:1].islower()
            and tokens[i + 1][0] not in ("and", "which", "as", "with", "while")):
        j = i + 1
        while j < len(tokens) and j - i < 14 and tokens[j][0] not in (",", ";", "."):
            j += 1
        if (j + 2 < len(tokens) and tokens[j][0] == "," and tokens[j + 1][0] in CLOSING_QUOTES
                and tokens[j + 2][0] in ("and", "&")):
            return j
        if j + 1 < len(tokens) and tokens[j][0] == "," and tokens[j + 1][0] in ("and", "&"):
            return j
    return i


def job_before(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int]:
    """Return the job a phrase at tokens[i] names right before a name ("executive producer X", "PD X")."""
    for size in (2, 1):
        words = [token for token, _ in tokens[i : i + size]]
        if len(words) < size or i + size >= len(tokens) or not capital(tokens[i + size][0]):
            continue
        if words[0].istitle() and len(words[0]) > 2:
            continue
        job = lexicon.job_for(" ".join(words))
        if job:
            return job, i + size
    return None, i


def skip_credit(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip a parenthesised earlier credit after a name ("A (Earlier Show)"); return where reading goes on."""
    depth, j = 0, i
    while j < len(tokens) and j - i < 30:
        depth += {"(": 1, ")": -1}.get(tokens[j][0], 0)
        j += 1
        if depth == 0:
            return j
    return i


def character_in_parentheses(tokens: list[tuple[str, int]], i: int) -> bool:
    """Tell whether a parenthesis opening before tokens[i] holds a person-shaped (character) name."""
    words: list[str] = []
    while i < len(tokens) and tokens[i][0] != ")" and len(words) < 5:
        words.append(tokens[i][0])
        i += 1
    return i < len(tokens) and name_shape(" ".join(words)) == STRONG

