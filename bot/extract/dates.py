"""Find premiere-date phrases and resolve them against the article's publication date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
# A weekday pair ("Monday-Tuesday drama", "Monday and Tuesday 10PM slot") is a time slot, not a date.
_PAIR = r"\s*(?:-|–|/|&|and)\s*"
_PAIR_BEFORE = re.compile(_WEEKDAY + _PAIR + r"$", re.IGNORECASE)
DATE = re.compile(
    r"(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    r"|(?:\b" + _WEEKDAY + r",?\s+)?\b(?P<mon>" + _MONTH + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>" + _MONTH + r")\b(?:,?\s+(?P<year2>(?:19|20)\d{2}))?"
    r"|(?<![0-9A-Za-z])(?:(?P<jy>\d{4})年\s*)?(?P<jm>\d{1,2})月\s*(?P<jd>\d{1,2})日"
    r"|(?<![0-9A-Za-z])(?P<jmonth>(?P<jy2>\d{4})年\s*(?P<jm2>\d{1,2})月)"
    r"|(?P<rel>\b(?:(?:later|earlier|early|late)\s+(?:this|next)\s+(?:year|month|" + _SEASON + r")"
    r"|(?:this|next)\s+(?:year|month|week|weekend|" + _SEASON + r"|" + _WEEKDAY + r")"
    r"|(?:first|second|1st|2nd)\s+half\s+of\s+(?:this\s+year|next\s+year|the\s+year|(?:19|20)\d{2})"
    r"|(?:early|mid|late)[- ](?:19|20)\d{2}|end\s+of\s+(?:the\s+)?(?:year|month))\b)"
    r"|\b(?P<today>today|tonight|tomorrow)\b"
    r"|\b(?P<season>" + _SEASON + r")\s+(?:of\s+)?(?P<syear>(?:19|20)\d{2})\b"
    r"|\b(?P<monthonly>(?:this|next|early|late|mid-)\s*" + _FULL_MONTH + r"(?:\s+(?:19|20)\d{2})?)\b"
    r"|(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\ba\s)|(?<=\ban\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bstarting\s)"
    r"|(?<=\bair\s)|(?<=\bairs\s)|(?<=\bair\son\s))"
    r"(?P<month>" + _FULL_MONTH + r"(?:,?\s+(?:19|20)\d{2})?)\b"
    r"|(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\bfor\s))(?P<yearonly>(?:19|20)\d{2})\b"
    r"|\b(?P<weekday>" + _WEEKDAY + r")\b(?!s\b|,?\s+\d|,?\s+" + _MONTH + r"|\s+(?:nights?|slot|time\s+slot|evenings?"
    r"|mornings?)|" + _PAIR + _WEEKDAY + r")",
    re.IGNORECASE,
)
_PREMIERE_CUE = re.compile(
    r"\b(?:premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|air(?:s|ed|ing)?|stream(?:s|ed|ing)?|releas(?:e|es|ed|ing)"
    r"|launch(?:es|ed|ing)?|arriv(?:e|es|ed|ing)|drop(?:s|ped|ping)?|hits?|return(?:s|ed|ing)?|bows?|coming|out"
    r"|available|lands?|broadcast(?:s|ing)?|starts?|starting|kicks?\s+off|opens?|begins?\s+its\s+run|will\s+begin)\b"
    r"|放送|配信|スタート|開始",
    re.IGNORECASE,
)
_PREMIERE_AFTER = re.compile(
    r"^[’'s]{0,2}\s*(?:,\s*)?(?:(?:for|as)\s+(?:the|its)\s+)?(?:(?:TV|television|broadcast|streaming|series|season"
    r"|anime|world|global|Japan|U\.S\.|UK|Korean|Japanese)\s+)?(?:premiere|debut|release|launch|return|bow|broadcast"
    r"|air\s+date|より|から|放送|配信)",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:premiered|debuted|aired|was\s+released|were\s+released|launched|dropped|returned|bowed|began\s+airing)\b",
    re.IGNORECASE,
)
_NOT_PREMIERE = re.compile(
    r"\b(?:filming|shooting|production|ratings?|episode|wrapped|cast|casting|announced|revealed|confirmed|unveiled"
    r"|reported|said|says|told|trailer|teaser|poster|stills|preview|clip|visual|first\s+look)\b",
    re.IGNORECASE,
)
_NOT_PREMIERE_LEAD = re.compile(r"\b(?:filming|shooting|production|wrapped|casting)\b", re.IGNORECASE)
# Cased letters spelt out (no IGNORECASE) and a character class first, so the engine skips in C to a possible "a"/"p".
_CLOCK = re.compile(r"([apAP])(?<!\w[apAP])\.[mM]\.")
_WHOLE_YEAR = re.compile(r"(?:(?:19|20)\d{2}|(?:this|next)\s+year)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PremiereDate:
    """A premiere date read from a sentence: exact when the day is known, else the words."""

    position: int
    day: date | None
    text: str | None
    past: bool

    @property
    def whole_year(self) -> bool:
        """Tell whether only the year is known ("in 2026", "next year"): no premiere date news by the labels' rule."""
        return self.day is None and self.text is not None and _WHOLE_YEAR.fullmatch(self.text) is not None


def _month(word: str) -> int:
    return _MONTHS[word[:3].casefold()]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, published: date | None, past: bool) -> date | None:
    """Place a month and day in the year that makes sense around the publication date."""
    if published is None:
        return None
    found = _make(published.year, month, day)
    if found is None:
        return None
    if not past and found < published - timedelta(days=60):
        return _make(published.year + 1, month, day)
    if past and found > published + timedelta(days=2):
        return _make(published.year - 1, month, day)
    return found


def _resolve(match: re.Match[str], published: date | None, past: bool) -> tuple[date | None, str | None]:
    """Return (exact day, or None with the phrase kept as text)."""
    group = match.group
    phrase = match.group().strip()
    if group("iso"):
        return date.fromisoformat(group("iso")), None
    if group("mon") or group("mon2") or group("jm"):
        month = int(group("jm")) if group("jm") else _month(group("mon") or group("mon2"))
        day = int(group("jd") or group("day") or group("day2"))
        year = group("year") or group("year2") or group("jy")
        exact = _make(int(year), month, day) if year else _with_year(month, day, published, past)
        return (exact, None) if exact else (None, phrase)
    if group("today") and published is not None:
        shift = 1 if group("today").casefold() == "tomorrow" else 0
        return published + timedelta(days=shift), None
    rel_words = (group("rel") or "").split()
    weekday = group("weekday") or (rel_words[-1] if rel_words else "")
    if weekday.casefold().rstrip("s") in _WEEKDAYS and published is not None:
        target = _WEEKDAYS.index(weekday.casefold().rstrip("s"))
        ahead = (target - published.weekday()) % 7 or 7
        if past:
            return published - timedelta(days=(published.weekday() - target) % 7 or 7), None
        return published + timedelta(days=ahead), None
    return None, phrase


def _alone(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    """Tell whether a yearless day and month is a line of its own, as a listing dates the show above it."""
    if not (match.group("mon") or match.group("mon2")) or match.group("year") or match.group("year2"):
        return False
    return not text[start : match.start()].strip() and not text[match.end() : end].strip(" .:–-")


_FRONTED_LEAD = re.compile(r"\s*(?:On\s+)?$")
_FRONTED_PREMIERE = re.compile(
    r"^,[^.;!?]{0,160}?\b(?:premiered|debuted|(?:aired|premiered|debuted)\s+(?:its|their)\s+first)\b", re.IGNORECASE
)


def _fronted(text: str, start: int, end: int, match: re.Match[str]) -> bool:
    """Tell whether a date opens its sentence and the sentence reports a premiere ("On March 6, X premiered")."""
    return _FRONTED_LEAD.fullmatch(text, start, match.start()) is not None and (
        _FRONTED_PREMIERE.match(text[match.end() : end]) is not None
    )


def premiere_dates(
    text: str, start: int, end: int, matches: Iterable[re.Match[str]], published: datetime | None
) -> list[PremiereDate]:
    """Return the date phrases (matches of DATE within text[start:end]) that a premiere verb governs."""
    day0 = published.date() if published is not None else None
    found: list[PremiereDate] = []
    for match in matches:
        if match.group("weekday") and _PAIR_BEFORE.search(text, max(start, match.start() - 16), match.start()):
            continue
        before = _CLOCK.sub(r"\1 m ", text[max(start, match.start() - 60) : match.start()])
        after = text[match.end() : min(end, match.end() + 25)]
        cue = None
        for candidate in _PREMIERE_CUE.finditer(before):
            cue = candidate
        if cue is not None and (len(before) - cue.end() > 45 or any(ch in ".;!?" for ch in before[cue.end() :])):
            cue = None
        fronted = cue is None and _fronted(text, start, end, match)
        if cue is None and not _PREMIERE_AFTER.match(after) and not _alone(text, start, end, match) and not fronted:
            continue
        cue_at = cue.start() if cue else len(before)
        if _NOT_PREMIERE.search(before[cue_at:]) or _NOT_PREMIERE_LEAD.search(before[max(0, cue_at - 20) : cue_at]):
            continue
        past = fronted or bool(_PAST.search(before))
        exact, words = _resolve(match, day0, past)
        if words and before.endswith("the ") and match.group("rel"):
            words = "the " + words
        if exact is not None and day0 is not None and not past and exact < day0 - timedelta(days=2):
            past = True
        found.append(PremiereDate(match.start(), exact, words, past))
    return found
