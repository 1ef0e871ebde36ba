"""Keys that let people and titles match across spellings, orders and punctuation."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = "\"'‘’“”«»「」『』`´"
_JOINERS = re.compile(r"[-‐‑‒–—·.']")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Return text case-folded, NFKC-normalised and stripped of accents."""
    if text.isascii():
        # Normalising leaves ASCII as it is, and it holds no combining marks.
        return text.casefold()
    normal = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in normal if not unicodedata.combining(ch)).casefold()


def person_key(name: str) -> str:
    """Return a key equal for 'Isomura Hayato' and 'Hayato Isomura', 'Ok Taec-yeon' and 'Ok Taecyeon'."""
    joined = _JOINERS.sub("", fold(name))
    tokens = sorted(token for token in _NON_WORD.split(joined) if token)
    return " ".join(tokens)


def same_person(a: str, b: str) -> bool:
    """Tell whether two spellings name the same person."""
    return person_key(a) == person_key(b)


def title_key(title: str) -> str:
    """Return a key equal for titles that differ only in quotes, case, accents and punctuation."""
    text = fold(title).strip().strip(_QUOTES)
    text = text.replace("&", " and ")
    return " ".join(token for token in _NON_WORD.split(text) if token)
