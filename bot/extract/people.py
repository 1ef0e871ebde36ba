"""Read cast members (with roles) and creators (with jobs) from cue phrases around names."""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.extract import lexicon
from bot.extract.nameshape import STRONG, is_not_name_word, korean_surname, name_shape, words

# A star inside a word belongs to it: group names such as "IZ*ONE" stand before members' names.
# A line break after a capitalised word is a token of its own: a name never runs on from a headline or a heading
# into the next line ("... Casts Abby" / "Ana Ruiz will ..."); other breaks stay out of the way of list readers.
# Written so that the common case (a run of word characters) is one repeat the engine runs in C.
_TOKEN = re.compile(r"\w[\w’'\-]*(?:\*(?=\w)[\w’'\-]*)*(?:\.(?=\w)\w*)?\.?|[^\w\s]|\n")
_WHOLE = operator.itemgetter(0)
_POSITION = operator.itemgetter(1)
_POSSESSIVE = ("’s", "'s", "’", "s'")
_ROLE_STOP = frozenset([
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "for", "with", "from", "by", "of", "to", "as",
    "he", "she", "they", "it", "his", "her",
])
_RELATIVE_TAIL = re.compile(r",\s*(?:who|whose)(?:\s*|\b[^;.!?]{0,150},\s*)$|\s+who\s+(?:also\s+|will\s+|now\s+)?$")
# Opens with one character class, so the engine skips in C to where a break can start.
# An initial ("R.T. Vance") ends no sentence.
_SENTENCE_BREAK = re.compile(r"[.!?\n:;](?:(?<=[.!?])(?<!\b[A-Z]\.)[\"”’)]*\s+(?=[^a-z])|(?<=\n)|(?<=[:;])\s)")
_DESCRIPTION_ENDS = frozenset([",", "and", "or", "while", "with"])
_ROLE_WORDS = frozenset([
    "as", "play", "plays", "playing", "portray", "portrays", "portraying", "voices", "voicing", "named",
    "called",
])
_NAME_SYLLABLES = frozenset(["In", "On", "An", "So", "Do", "Go", "No", "Oh", "Ah", "Ye", "Yi", "Bo", "Da", "Ha"])
_OPENING_QUOTES = frozenset(['"', "“", "‘", "'"])
_CLOSING_QUOTES = frozenset(['"', "”", "’", "'"])
_CLOSERS = frozenset({",", ".", ";", ")", "&", "and", "as", "!", "?", ":"})


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A person read from the text: a cast member (detail = role) or a creator (detail = job)."""

    kind: str
    name: str
    detail: str | None
    position: int
    certain: bool = True


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
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
            items = _tokens(self.text, self.bounds[index], self.bounds[index + 1])
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


@cache
def _lead_words() -> frozenset[str]:
    """Return the words that may describe a person right before their name (descriptors and credit nouns)."""
    return words("descriptors") | words("credit_nouns")


@lru_cache(maxsize=16384)
def _bare(token: str) -> str:
    for ending in _POSSESSIVE:
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token.rstrip(".") if len(token) > 2 else token


def _possessive(token: str) -> bool:
    return token.endswith(("’s", "'s")) and len(token) > 3


@lru_cache(maxsize=16384)
def _capital(token: str) -> bool:
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
def _name_token(token: str) -> bool:
    bare = _bare(token)
    return (_capital(bare) and bare.casefold() not in words("stop") and not _is_place_or_platform(bare)
            and not any(ch.isdigit() for ch in bare) and not is_not_name_word(bare)
            and not (bare.isupper() and lexicon.job_for(bare)))


def _syllable_word(token: str) -> bool:
    """Tell whether a capitalised short word is a syllable inside an East Asian name ("Ko Da Im" style)."""
    return token in _NAME_SYLLABLES


def _after_nickname(tokens: list[tuple[str, int]], i: int) -> int:
    """Return where a name goes on after a quoted nickname inside it (Thai style: Metawin “Win” Opas), else 0."""
    close = next((k for k in range(i + 1, min(i + 5, len(tokens))) if tokens[k][0] in _CLOSING_QUOTES), None)
    if close is None or close == i + 1 or close + 1 >= len(tokens):
        return 0
    if not all(_capital(token) for token, _ in tokens[i + 1 : close]) or not _name_token(tokens[close + 1][0]):
        return 0
    return close + 1


def _before_nickname(tokens: list[tuple[str, int]], k: int) -> int | None:
    """Return the index of the given name before a quoted nickname that ends right before tokens[k], else None."""
    if k < 4 or tokens[k - 1][0] not in _CLOSING_QUOTES:
        return None
    opening = next((m for m in range(k - 2, max(k - 6, 0), -1) if tokens[m][0] in _OPENING_QUOTES), None)
    if opening is None or opening == k - 2 or not _name_token(tokens[opening - 1][0]):
        return None
    return opening - 1 if _after_nickname(tokens, opening) == k else None


def _closing_syllable(parts: list[str], token: str, tokens: list[tuple[str, int]], i: int) -> bool:
    """Tell whether a syllable word ends a three-part Korean name ("Jung Hae In and ...", "Kim Jong In,").

    Not before a capitalised word: in a title-case headline "Song Kang In Talks" the "In" starts a phrase; running
    text capitalises neither "in" nor the word after it.
    """
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    return (len(parts) == 2 and _syllable_word(token) and korean_surname(parts[0])
            and (not following or following in _CLOSERS or following == "And" or following.islower()))


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _initial(token: str) -> bool:
    """Tell whether a token is one or more initials ("J.", "J.D.", "E.L.")."""
    return _INITIALS.fullmatch(token) is not None


def _part(token: str) -> str:
    """Return a name part as written: initials and a generational suffix keep their dots ("J.D.", "Jr.")."""
    return token if _initial(token) or token in ("Jr.", "Sr.") else _bare(token)


def _take_name(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int, bool]:
    """Read one name at tokens[i:]; return it, the next index and whether a group possessive introduced it."""
    prefixed = False
    while i < len(tokens) and _possessive(tokens[i][0]) and (
        tokens[i][0][0].isdigit() or _capital(tokens[i][0])
    ) and i + 1 < len(tokens) and _capital(tokens[i + 1][0]):
        prefixed, i = True, i + 1
    parts: list[str] = []
    while i < len(tokens) and len(parts) < 5:
        token = tokens[i][0]
        if parts and tokens[i][1] - tokens[i - 1][1] - len(tokens[i - 1][0]) > 1:
            break
        if _name_token(token):
            parts.append(_part(token))
            i += 1
            if _possessive(token) or (token.endswith(".") and not (
                _initial(token) and i < len(tokens) and _capital(tokens[i][0]))):
                break
        elif parts and (token in words("particles") or _syllable_word(token)) and i + 1 < len(tokens) and _name_token(
            tokens[i + 1][0]
        ):
            parts.append(token)
            i += 1
        elif len(parts) == 1 and token in _OPENING_QUOTES and (after := _after_nickname(tokens, i)):
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


def _take_role(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int]:
    """Read a character name, skipping a short description before it ("the ship's engineer Ha Yeon")."""
    if i < len(tokens) and tokens[i][0].casefold() in ("the", "a", "an"):
        j = i + 1
        while (j < len(tokens) and j - i <= 4 and tokens[j][0][:1].islower() and not tokens[j][0].endswith(".")
               and tokens[j][0] not in _DESCRIPTION_ENDS):
            j += 1
        described = j > i + 1 and j < len(tokens) and tokens[j][0] in _DESCRIPTION_ENDS and not (
            tokens[j][0] == "," and j + 1 < len(tokens) and _capital(tokens[j + 1][0]))
        if j < len(tokens) and tokens[j][0] == ",":
            j += 1
        if j < len(tokens) and _capital(tokens[j][0]) and j > i + 1 and not described:
            i = j
        elif described:
            # "as a smuggler and B ...": the role is only described; the list goes on after it.
            return None, j - (tokens[j - 1][0] == ",")
        else:
            i = i + 1 if tokens[i][0] == "the" else i
    elif i + 2 < len(tokens) and tokens[i][0].islower() and tokens[i][0].isalpha():
        j = i + 1 if _capital(tokens[i + 1][0]) else i + 2
        if tokens[j - 1][0].isalpha() and tokens[j - 1][0].islower() and _capital(tokens[j][0]):
            i = j
    parts: list[str] = []
    while i < len(tokens) and len(parts) < 6:
        token = tokens[i][0]
        if _capital(token) and token.casefold() not in _ROLE_STOP:
            parts.append(_bare(token))
            i += 1
            if _possessive(token) or token.endswith("."):
                break
        elif parts and token in ("of", "the", "de", "van", "von") and i + 1 < len(tokens) and _capital(
            tokens[i + 1][0]
        ):
            parts.append(token)
            i += 1
        else:
            break
    if len(parts) == 1 and _possessive(tokens[i - 1][0]) and i < len(tokens) and tokens[i][0][:1].islower():
        # "as Brandt's mentor" describes the role by someone else's name; it does not name it.
        return None, i
    return (" ".join(parts) if parts else None), i


def _accept(name: str, prefixed: bool) -> tuple[bool, bool]:
    """Return (keep, certain): multi-word names are certain; one word only if all-caps or group-introduced."""
    if len(name) > 40:
        return False, False
    if " " in name:
        return True, True
    return True, prefixed or (name.isupper() and 2 <= len(name) <= 12)


def _skip_descriptors(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip the words that describe a person before their name ("the late", "executive producer")."""
    j = i
    if j < len(tokens) and tokens[j][0] in _OPENING_QUOTES:
        k = next((k for k in range(j + 1, min(j + 12, len(tokens))) if tokens[k][0] in _CLOSING_QUOTES), None)
        lead_words = _lead_words()
        if k is not None and k + 1 < len(tokens) and tokens[k + 1][0].casefold() in lead_words:
            j = k + 1
    if j < len(tokens) and tokens[j][0] == "the" and j + 1 < len(tokens) and tokens[j + 1][0] == "late":
        j += 1
    elif [t for t, _ in tokens[j : j + 3]] == ["the", "likes", "of"]:
        j += 3
    # Up to three plain words may describe the descriptor ("already confirmed male leads A", "just announced lead B").
    k = described = j
    while k < len(tokens) and k - described < 3 and tokens[k][0].isalpha() and tokens[k][0].islower() and (
            tokens[k][0] not in _DESCRIPTION_ENDS):
        k += 1
        if k < len(tokens) and tokens[k][0] in _lead_words():
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
    return j if j < len(tokens) and _capital(tokens[j][0]) else i


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
    if i < len(tokens) and _possessive(tokens[i][0]):
        return i
    while j < len(tokens) and j - i < 7 and (_capital(tokens[j][0]) or tokens[j][0] in ("of", "the", ":")):
        if _possessive(tokens[j][0]) and j + 1 < len(tokens) and _capital(tokens[j + 1][0]):
            return j + 1
        if (tokens[j][0].endswith(".") and not _initial(tokens[j][0])) or (
            j > i and tokens[j][1] - tokens[j - 1][1] - len(tokens[j - 1][0]) > 1
        ):
            return i
        j += 1
    if j > i and j + 1 < len(tokens) and _capital(tokens[j + 1][0]) and (
        tokens[j][0] in words("credit_nouns") or (tokens[j][0].islower() and lexicon.job_for(tokens[j][0]))
    ):
        return j + 1
    return i


def _skip_aside(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip an aside after a name ("from Earlier Show", "of Some Show fame", ", best known for X,")."""
    if i < len(tokens) and tokens[i][0] in ("from", "of") and i + 1 < len(tokens) and _capital(tokens[i + 1][0]):
        j = i + 1
        while j < len(tokens) and j - i < 10 and tokens[j][0] not in (",", ";", ".", "and", "&", "fame"):
            j += 1
        return j + 1 if j < len(tokens) and tokens[j][0] == "fame" else j
    if (i + 1 < len(tokens) and tokens[i][0] == "," and tokens[i + 1][0][:1].islower()
            and tokens[i + 1][0] not in ("and", "which", "as", "with", "while")):
        j = i + 1
        while j < len(tokens) and j - i < 14 and tokens[j][0] not in (",", ";", "."):
            j += 1
        if (j + 2 < len(tokens) and tokens[j][0] == "," and tokens[j + 1][0] in _CLOSING_QUOTES
                and tokens[j + 2][0] in ("and", "&")):
            return j
        if j + 1 < len(tokens) and tokens[j][0] == "," and tokens[j + 1][0] in ("and", "&"):
            return j
    return i


def _job_before(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int]:
    """Return the job a phrase at tokens[i] names right before a name ("executive producer X", "PD X")."""
    for size in (2, 1):
        words = [token for token, _ in tokens[i : i + size]]
        if len(words) < size or i + size >= len(tokens) or not _capital(tokens[i + size][0]):
            continue
        if words[0].istitle() and len(words[0]) > 2:
            continue
        job = lexicon.job_for(" ".join(words))
        if job:
            return job, i + size
    return None, i


def _skip_credit(tokens: list[tuple[str, int]], i: int) -> int:
    """Skip a parenthesised earlier credit after a name ("A (Earlier Show)"); return where reading goes on."""
    depth, j = 0, i
    while j < len(tokens) and j - i < 30:
        depth += {"(": 1, ")": -1}.get(tokens[j][0], 0)
        j += 1
        if depth == 0:
            return j
    return i


def _character(tokens: list[tuple[str, int]], i: int) -> bool:
    """Tell whether a parenthesis opening before tokens[i] holds a person-shaped (character) name."""
    words: list[str] = []
    while i < len(tokens) and tokens[i][0] != ")" and len(words) < 5:
        words.append(tokens[i][0])
        i += 1
    return i < len(tokens) and name_shape(" ".join(words)) == STRONG


def names_forward(
    text: str, start: int, kind: str, detail: str | None, limit: int = 8, from_text: Tokens | None = None,
    single: bool = False, reach: int = 160, characters_first: bool = False,
) -> list[PersonFact]:
    """Read a list of names ("A as X, B and C") from text[start:]; `single` trusts lone words a list cue names."""
    tokens = _tokens(text, start, start + reach) if from_text is None else from_text.between(start, start + reach)
    found: list[PersonFact] = []
    i = 1 if tokens and tokens[0][0] == ":" else 0
    while len(found) < limit:
        job, after = _job_before(tokens, i)
        if job is not None:
            if kind == "creator":
                detail, i = job, after
            elif job not in ("executive producer", "producer"):
                break
        i = _skip_descriptors(tokens, i)
        begin = i
        name, i, prefixed = _take_name(tokens, i)
        if name is None:
            break
        position = tokens[begin][1] if begin < len(tokens) else start
        closed = i >= len(tokens) or tokens[i][0] in _CLOSERS or tokens[i - 1][0].endswith(".")
        role = detail
        word = tokens[i][0] if i < len(tokens) else ""
        if kind == "cast" and word == "as":
            role, i = _take_role(tokens, i + 1)
        elif word == "(" and kind == "cast" and characters_first and _character(tokens, i + 1):
            i = _skip_credit(tokens, i)
            name = None
        elif word == "(" and kind == "cast" and i + 1 < len(tokens) and (
            tokens[i + 1][0] == "as" or _character(tokens, i + 1)
        ):
            inner, j = _take_role(tokens, i + 2 if tokens[i + 1][0] == "as" else i + 1)
            if inner and j < len(tokens) and tokens[j][0] == ")":
                role, i = inner, j + 1
            else:
                i = _skip_credit(tokens, i)
        elif word == "(":
            i = _skip_credit(tokens, i)
        if kind == "cast" and role is None and i < len(tokens) and tokens[i][0] == "as" and tokens[i - 1][0] == ")":
            # "A (Earlier Show) as Role": the role follows the credit.
            role, i = _take_role(tokens, i + 1)
        i = _skip_aside(tokens, i)
        closed = closed or (i > 0 and tokens[i - 1][0] == ")")
        keep, certain = _accept(name, prefixed) if name else (False, False)
        if keep and name:
            found.append(PersonFact(kind, name, role, position, certain or (single and closed)))
        word = tokens[i][0] if i < len(tokens) else ""
        if word in (",", ";", "&") or word == "and":
            i += 1
            if i < len(tokens) and tokens[i][0] in _CLOSING_QUOTES and word == ",":
                i += 1
            if word == "," and [t for t, _ in tokens[i : i + 2]] in (["along", "with"], ["together", "with"]):
                i += 2
            elif word == "," and [t for t, _ in tokens[i : i + 3]] == ["as", "well", "as"]:
                i += 3
            elif word == "," and i < len(tokens) and tokens[i][0] in ("alongside", "plus"):
                i += 1
            if i < len(tokens) and tokens[i][0] in ("and", "&"):
                i += 1
        else:
            break
    return found


def _cited_source(tokens: list[tuple[str, int]], k: int) -> bool:
    """Tell whether the name at tokens[k] is a cited news outlet ("according to The Daily Record, A will ...")."""
    lead = [token.casefold() for token, _ in tokens[max(0, k - 3) : k]]
    if lead and lead[-1] == "the":
        lead.pop()
    return lead[-2:] == ["according", "to"]


def _before_credit(tokens: list[tuple[str, int]], j: int) -> int:
    """Step back over a parenthesised credit that ends right before tokens[j]."""
    if j == 0 or tokens[j - 1][0] != ")":
        return j
    k = j - 1
    while k > 0 and j - k < 30 and tokens[k][0] != "(":
        k -= 1
    return k if tokens[k][0] == "(" else j


def names_backward(
    text: str, end: int, kind: str, detail: str | None, from_text: Tokens | None = None
) -> list[PersonFact]:
    """Read a list of names ending right before text[end] ("A, B and C will star")."""
    window_start = max(0, end - 240)
    breaks = [found.end() for found in _SENTENCE_BREAK.finditer(text, window_start, end)]
    if breaks:
        window_start = breaks[-1]
    relative = _RELATIVE_TAIL.search(text, window_start, end)
    if relative is not None:
        end = relative.start()
    tokens = _tokens(text, window_start, end) if from_text is None else from_text.between(window_start, end)
    found: list[PersonFact] = []
    j = len(tokens)
    after_credit = False
    while j > 0 and len(found) < 8:
        j = _before_credit(tokens, j)
        k = j
        while k > 0 and j - k < 4 and not (k < j and _possessive(tokens[k - 1][0])) and (
            _name_token(tokens[k - 1][0]) or (k < j and (tokens[k - 1][0] in words("particles") or (
                _syllable_word(tokens[k - 1][0]) and k > 1 and _name_token(tokens[k - 2][0]))))
        ):
            k -= 1
        if k == j:
            break
        prefixed = k > 0 and _possessive(tokens[k - 1][0])
        lead = [t for t, _ in tokens[max(0, k - 4) : k]]
        cut = max((n + 1 for n, t in enumerate(lead) if not t[0].isalnum() or t in ("and", "&")), default=0)
        if _ROLE_WORDS.intersection(lead[cut:]):
            break
        if j - k > 1 and tokens[k][0].isupper() and lexicon.job_for(tokens[k][0]):
            k += 1
        while j - k > 2 and tokens[k][0].casefold() in words("descriptors"):
            # A sentence-initial descriptor is capitalised but no part of the name ("Newcomer A B").
            k += 1
        name = " ".join(_part(t) for t, _ in tokens[k:j])
        given = _before_nickname(tokens, k)
        if given is not None:
            name, k = f"{_bare(tokens[given][0])} {name}", given
        if after_credit and name_shape(name) != STRONG:
            break
        if _cited_source(tokens, k):
            break
        keep, certain = _accept(name, prefixed)
        if keep:
            found.append(PersonFact(kind, name, detail, tokens[k][1], certain))
        m = k - 1 if prefixed else k
        if m > 1 and tokens[m - 1][0] in _lead_words() and tokens[m - 1][0].islower():
            # Past an earlier credit ("Some Show actress X") only a clearly shaped name continues the list.
            after_credit = True
            m -= 1
            while m > 1 and k - m < 4 and tokens[m - 1][0].isalpha() and tokens[m - 1][0].islower() and (
                    tokens[m - 1][0] not in _DESCRIPTION_ENDS and tokens[m - 2][0] in ("and", "&", ",")):
                m -= 1
            while m > 0 and k - m < 7 and _capital(tokens[m - 1][0]) and tokens[m - 1][0] not in ("And",):
                m -= 1
        if m > 0 and tokens[m - 1][0] in ("and", "&"):
            m -= 1
        if m > 0 and tokens[m - 1][0] == ",":
            m -= 1
        if m == k or (m == k - 1 and prefixed):
            break
        j = m
    found.reverse()
    if sum(" " in fact.name for fact in found) >= 2:
        # A one-word stage name listed among full names is a name too ("A B, C D, Lynn join the cast").
        found = [PersonFact(f.kind, f.name, f.detail, f.position, True) for f in found]
    return found


def role_before(text: str, end: int, from_text: Tokens | None = None) -> str | None:
    """Return the capitalised name right before text[end] ("a boxer named Johan (portrayed by ...)")."""
    tokens = _tokens(text, max(0, end - 80), end) if from_text is None else from_text.between(max(0, end - 80), end)
    parts: list[str] = []
    while tokens and _capital(tokens[-1][0]) and tokens[-1][0].casefold() not in _ROLE_STOP and len(parts) < 4:
        parts.insert(0, tokens.pop()[0])
    return " ".join(parts) or None
