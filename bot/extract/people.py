"""Read cast members (with roles) and creators (with jobs) from cue phrases around names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract import lexicon
from bot.extract.nameshape import STRONG, name_shape, words
from bot.extract.nameskips import (
    DESCRIPTION_ENDS,
    character_in_parentheses,
    job_before,
    lead_words,
    skip_aside,
    skip_credit,
    skip_descriptors,
)
from bot.extract.nametokens import (
    CLOSERS,
    CLOSING_QUOTES,
    Tokens,
    bare_token,
    before_nickname,
    capital,
    name_part,
    name_token,
    possessive,
    syllable_word,
    take_name,
    tokenise,
)

_ROLE_STOP = frozenset([
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "for", "with", "from", "by", "of", "to", "as",
    "he", "she", "they", "it", "his", "her",
])
_RELATIVE_TAIL = re.compile(r",\s*(?:who|whose)(?:\s*|\b[^;.!?]{0,150},\s*)$|\s+who\s+(?:also\s+|will\s+|now\s+)?$")
# Opens with one character class, so the engine skips in C to where a break can start.
# An initial ("R.T. Vance") ends no sentence.
_SENTENCE_BREAK = re.compile(r"[.!?\n:;](?:(?<=[.!?])(?<!\b[A-Z]\.)[\"”’)]*\s+(?=[^a-z])|(?<=\n)|(?<=[:;])\s)")
_ROLE_WORDS = frozenset([
    "as", "play", "plays", "playing", "portray", "portrays", "portraying", "voices", "voicing", "named",
    "called",
])


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A person read from the text: a cast member (detail = role) or a creator (detail = job)."""

    kind: str
    name: str
    detail: str | None
    position: int
    certain: bool = True


def _take_role(tokens: list[tuple[str, int]], i: int) -> tuple[str | None, int]:
    """Read a character name, skipping a short description before it ("the ship's engineer Ha Yeon")."""
    if i < len(tokens) and tokens[i][0].casefold() in ("the", "a", "an"):
        j = i + 1
        while (j < len(tokens) and j - i <= 4 and tokens[j][0][:1].islower() and not tokens[j][0].endswith(".")
               and tokens[j][0] not in DESCRIPTION_ENDS):
            j += 1
        described = j > i + 1 and j < len(tokens) and tokens[j][0] in DESCRIPTION_ENDS and not (
            tokens[j][0] == "," and j + 1 < len(tokens) and capital(tokens[j + 1][0]))
        if j < len(tokens) and tokens[j][0] == ",":
            j += 1
        if j < len(tokens) and capital(tokens[j][0]) and j > i + 1 and not described:
            i = j
        elif described:
            # "as a smuggler and B ...": the role is only described; the list goes on after it.
            return None, j - (tokens[j - 1][0] == ",")
        else:
            i = i + 1 if tokens[i][0] == "the" else i
    elif i + 2 < len(tokens) and tokens[i][0].islower() and tokens[i][0].isalpha():
        j = i + 1 if capital(tokens[i + 1][0]) else i + 2
        if tokens[j - 1][0].isalpha() and tokens[j - 1][0].islower() and capital(tokens[j][0]):
            i = j
    parts: list[str] = []
    while i < len(tokens) and len(parts) < 6:
        token = tokens[i][0]
        if capital(token) and token.casefold() not in _ROLE_STOP:
            parts.append(bare_token(token))
            i += 1
            if possessive(token) or token.endswith("."):
                break
        elif parts and token in ("of", "the", "de", "van", "von") and i + 1 < len(tokens) and capital(
            tokens[i + 1][0]
        ):
            parts.append(token)
            i += 1
        else:
            break
    if len(parts) == 1 and possessive(tokens[i - 1][0]) and i < len(tokens) and tokens[i][0][:1].islower():
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



def names_forward(
    text: str, start: int, kind: str, detail: str | None, limit: int = 8, from_text: Tokens | None = None,
    single: bool = False, reach: int = 160, characters_first: bool = False,
) -> list[PersonFact]:
    """Read a list of names ("A as X, B and C") from text[start:]; `single` trusts lone words a list cue names."""
    tokens = tokenise(text, start, start + reach) if from_text is None else from_text.between(start, start + reach)
    found: list[PersonFact] = []
    i = 1 if tokens and tokens[0][0] == ":" else 0
    while len(found) < limit:
        job, after = job_before(tokens, i)
        if job is not None:
            if kind == "creator":
                detail, i = job, after
            elif job not in ("executive producer", "producer"):
                break
        i = skip_descriptors(tokens, i)
        begin = i
        name, i, prefixed = take_name(tokens, i)
        if name is None:
            break
        position = tokens[begin][1] if begin < len(tokens) else start
        closed = i >= len(tokens) or tokens[i][0] in CLOSERS or tokens[i - 1][0].endswith(".")
        role = detail
        word = tokens[i][0] if i < len(tokens) else ""
        if kind == "cast" and word == "as":
            role, i = _take_role(tokens, i + 1)
        elif word == "(" and kind == "cast" and characters_first and character_in_parentheses(tokens, i + 1):
            i = skip_credit(tokens, i)
            name = None
        elif word == "(" and kind == "cast" and i + 1 < len(tokens) and (
            tokens[i + 1][0] == "as" or character_in_parentheses(tokens, i + 1)
        ):
            inner, j = _take_role(tokens, i + 2 if tokens[i + 1][0] == "as" else i + 1)
            if inner and j < len(tokens) and tokens[j][0] == ")":
                role, i = inner, j + 1
            else:
                i = skip_credit(tokens, i)
        elif word == "(":
            i = skip_credit(tokens, i)
        if kind == "cast" and role is None and i < len(tokens) and tokens[i][0] == "as" and tokens[i - 1][0] == ")":
            # "A (Earlier Show) as Role": the role follows the credit.
            role, i = _take_role(tokens, i + 1)
        i = skip_aside(tokens, i)
        closed = closed or (i > 0 and tokens[i - 1][0] == ")")
        keep, certain = _accept(name, prefixed) if name else (False, False)
        if keep and name:
            found.append(PersonFact(kind, name, role, position, certain or (single and closed)))
        word = tokens[i][0] if i < len(tokens) else ""
        if word == "with" and kind == "creator" and i + 1 < len(tokens) and tokens[i + 1][0][:1].isupper():
            i += 1  # "adapted by A with B": B shares the credit
        elif word in (",", ";", "&") or word == "and":
            i += 1
            if i < len(tokens) and tokens[i][0] in CLOSING_QUOTES and word == ",":
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
    tokens = tokenise(text, window_start, end) if from_text is None else from_text.between(window_start, end)
    found: list[PersonFact] = []
    j = len(tokens)
    after_credit = False
    while j > 0 and len(found) < 8:
        j = _before_credit(tokens, j)
        k = j
        while k > 0 and j - k < 4 and not (k < j and possessive(tokens[k - 1][0])) and (
            name_token(tokens[k - 1][0]) or (k < j and (tokens[k - 1][0] in words("particles") or (
                syllable_word(tokens[k - 1][0]) and k > 1 and name_token(tokens[k - 2][0]))))
        ):
            k -= 1
        if k == j:
            break
        prefixed = k > 0 and possessive(tokens[k - 1][0])
        lead = [t for t, _ in tokens[max(0, k - 4) : k]]
        cut = max((n + 1 for n, t in enumerate(lead) if not t[0].isalnum() or t in ("and", "&")), default=0)
        if _ROLE_WORDS.intersection(lead[cut:]):
            break
        if j - k > 1 and tokens[k][0].isupper() and lexicon.job_for(tokens[k][0]):
            k += 1
        while j - k > 2 and tokens[k][0].casefold() in words("descriptors"):
            # A sentence-initial descriptor is capitalised but no part of the name ("Newcomer A B").
            k += 1
        name = " ".join(name_part(t) for t, _ in tokens[k:j])
        given = before_nickname(tokens, k)
        if given is not None:
            name, k = f"{bare_token(tokens[given][0])} {name}", given
        if after_credit and name_shape(name) != STRONG:
            break
        if _cited_source(tokens, k):
            break
        keep, certain = _accept(name, prefixed)
        if keep:
            found.append(PersonFact(kind, name, detail, tokens[k][1], certain))
        m = k - 1 if prefixed else k
        if m > 1 and tokens[m - 1][0] in lead_words() and tokens[m - 1][0].islower():
            # Past an earlier credit ("Some Show actress X") only a clearly shaped name continues the list.
            after_credit = True
            m -= 1
            while m > 1 and k - m < 4 and tokens[m - 1][0].isalpha() and tokens[m - 1][0].islower() and (
                    tokens[m - 1][0] not in DESCRIPTION_ENDS and tokens[m - 2][0] in ("and", "&", ",")):
                m -= 1
            while m > 0 and k - m < 7 and capital(tokens[m - 1][0]) and tokens[m - 1][0] not in ("And",):
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
    tokens = tokenise(text, max(0, end - 80), end) if from_text is None else from_text.between(max(0, end - 80), end)
    parts: list[str] = []
    while tokens and capital(tokens[-1][0]) and tokens[-1][0].casefold() not in _ROLE_STOP and len(parts) < 4:
        parts.insert(0, tokens.pop()[0])
    return " ".join(parts) or None


# "... in the U.S. Sophie Marsh co-stars": a sentence that ends on a country's initials leaves them on the next name.
_PLACE_INITIALS = ("U.S. ", "U.K. ")


def off_place(fact: PersonFact) -> PersonFact:
    """Drop a country's initials a sentence break left at the front of a name."""
    if not fact.name.startswith(_PLACE_INITIALS):
        return fact
    name = fact.name.split(" ", 1)[1]
    return PersonFact(fact.kind, name, fact.detail, fact.position + len(fact.name) - len(name), fact.certain)
