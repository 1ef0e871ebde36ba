"""Read "Label: Name" cast and staff blocks (anime announcements, press releases)."""

from __future__ import annotations

import re

from bot.extract import lexicon
from bot.extract.nameshape import NOT_A_NAME, name_shape
from bot.extract.people import PersonFact

_COLON_LINE = re.compile(r"^[・\-*•■]?\s*(?P<label>[^:\n]{1,24}?)\s*:\s*(?P<value>[^\n]{1,120})$")
_CAST_HEADER = re.compile(
    r"^(?:[【\[■<]?\s*(?:キャスト|声の出演|出演|cast|voice cast)\s*[】\]>]?\s*:?)$", re.IGNORECASE
)
# A capital letter, accented and long-vowel romanised ones included ("Ōnishi", "Élodie").
_CAPITAL = r"[A-ZÀ-ÖØ-ÞĀĒĪŌŪ]"
_AS_LINE = re.compile(
    r"^[・\-*•■–]?\s*(?P<name>(?:" + _CAPITAL + r"[\w’'.-]*\s+){1,3}" + _CAPITAL + r"[\w’'.-]*)"
    r"\s+(?:as|voices|plays)\s+"
    r"(?P<role>" + _CAPITAL + r"[\w’'.-]*(?:\s+" + _CAPITAL + r"[\w’'.-]*){0,3})"
)
_STAFF_HEADER = re.compile(r"^[【\[■<]?\s*(?:スタッフ|staff|crew|制作)\s*[】\]>]?\s*:?$", re.IGNORECASE)


def colon_lines(text: str, out: list[PersonFact]) -> None:
    """Read "Label: Name" lines of cast and staff blocks (anime and press-release style)."""
    in_cast = False
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if _CAST_HEADER.match(stripped):
            in_cast = True
        elif _STAFF_HEADER.match(stripped):
            in_cast = False
        else:
            match = _COLON_LINE.match(stripped)
            if match is not None:
                label, value = match.group("label").strip(), match.group("value").strip()
                job = lexicon.job_for(label)
                names = [n.strip() for n in re.split(r"[/、・,]|\s{2,}", value) if n.strip()]
                if job:
                    out.extend(PersonFact("creator", n, job, position) for n in names if _plain_name(n))
                elif in_cast and names and _plain_name(names[0]):
                    out.append(PersonFact("cast", names[0], label.split("/")[0].strip() or None, position))
            elif stripped:
                in_cast = False
        position += len(line) + 1


def _plain_name(name: str) -> bool:
    if not 2 <= len(name) <= 30 or any(ch.isdigit() or ch in "()[]【】「」@#/" for ch in name):
        return False
    if any(ord(ch) > 0x2E80 for ch in name):
        return len(name) <= 10 and " " not in name.strip()
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in words)


def as_lines(text: str, out: list[PersonFact]) -> None:
    """Read cast lists written one "Name as Role" per line, when at least two lines follow each other."""
    run: list[PersonFact] = []
    position = 0
    for line in text.split("\n"):
        match = _AS_LINE.match(line.strip())
        if match is not None and name_shape(match.group("name")) != NOT_A_NAME:
            run.append(PersonFact("cast", match.group("name"), match.group("role"), position + line.find(
                match.group("name"))))
        elif line.strip():
            if len(run) >= 2:
                out.extend(run)
            run = []
        position += len(line) + 1
    if len(run) >= 2:
        out.extend(run)
