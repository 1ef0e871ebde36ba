"""Find unquoted title candidates: title-case runs that a cue frame, a headline or a list line sets off."""

from __future__ import annotations

import bisect
import re

from bot.extract import lexicon
from bot.extract.frames import SEASON_AFTER, SEASON_BEFORE, BeforeEnds, Frames, before_ends, frames, season_number
from bot.extract.text import Document
from bot.extract.titles import Mention
from bot.names import title_key

_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|(?:Mr|Mrs|Ms|Dr|St|Jr)\.|[A-Z][\w’'\-]*|\d{1,4}(?:st|nd|rd|th)?)"
_JOIN = (r"(?:of|the|and|in|on|to|a|an|or|de|del|la|le|el|no|wa|ga|na|ni|&|x|is|my|your|our|me|you|be|are"
         r"|was|not|it|its|up)")
RUN = re.compile(r"(?<![\w’'\-])" + _CAP + r"(?::?(?: " + _JOIN + r"){0,3} " + _CAP + r")*[!?]?")
_HEAD_JOIN = _JOIN[:-1] + r"|as|at|on|with|from|by|for|vs\.?)"
HEAD_RUN = re.compile(r"(?<![\w’'\-])" + _CAP + r"(?::?(?: " + _HEAD_JOIN + r"){0,3} " + _CAP + r")*[!?]?")
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)$")
_HEAD_TYPE = re.compile(r"\s+(?:TV\s+|Live-Action\s+)?(?:Anime|Film|Movie|Series|Drama|K-Drama)(?:['’]s)?\b")
_LIST_LINE = re.compile(
    r"^(?:[-•*]\s*)?(?P<title>[^\n]{2,80}?)\s*(?:\((?P<paren>[^)\n]{2,40})\)|\s[–—-]\s|:\s|\.\s+(?=[A-Z])|$)")
_WORD = re.compile(r"[\w’'\-!?.&]+")
_PREFIXES = ("the ", "a ", "an ")
_TRAILING_SEASON = re.compile(
    r"\s*[:,\-–]?\s*(?:(?:Season|Part)\s+(?:\d{1,2}|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)"
    r"|\d{1,2}(?:st|nd|rd|th)\s+Season)$", re.IGNORECASE)
_HEAD_TYPES = frozenset(["drama", "k-drama", "c-drama", "j-drama", "series", "anime", "docuseries", "sitcom", "show",
                         "miniseries", "comedy", "thriller", "rom-com"])
_LED_WORD = re.compile(r"\w-(?:led|starring|fronted|helmed|produced|backed)$")
_LED = re.compile(r"\w-(?:led|starring|fronted|helmed|produced|backed)\s+$")
_NOT_A_TITLE = re.compile(r"(?:Spring|Summer|Fall|Autumn|Winter)\s+(?:19|20)\d\d$|^Q[1-4]$")
_TRAILING_DATE = re.compile(
    r"\s+(?:(?:on|in|at|from|by)\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?$")
_SCENE = re.compile(r"\b(?:In|On|Of|At|From|To)\s+$")
_ADAPTED_FROM = frozenset(["gets", "get", "manga", "novel", "novels", "light", "webtoon", "game", "comic", "book"])
_HEAD_SEASON_OF = re.compile(r"\b(?:Season|Series|Part)\s+(?P<n>\d{1,2}|[A-Z][a-z]+)\s+[Oo]f\s+(?=[A-Z\d])")
_HEAD_LEADS = frozenset(["for", "to", "at", "on", "in", "from", "with", "by", "as", "of", "and", "upcoming", "new"])
_HEAD_SMALL = frozenset(["as", "to", "for", "at", "on", "in", "from", "with", "by", "the", "of", "a", "an", "and"])
_DATELINE = re.compile(r"^[A-Z]{3,}:\s")
_SEASON_OF = re.compile(r"^(?:Season|Part|Series)\s+(?P<n>\d{1,2}|[A-Z][a-z]+)\s+of\s+(?=[A-Z\d])")
_LIST_GAP = re.compile(r"(?:\s*[<(（][^>)）\n]{1,30}[>)）])?(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)")


def _starts(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def _sentence(starts: list[int], position: int) -> int:
    return max(bisect.bisect_right(starts, position) - 1, 0)


def _platform_word(word: str) -> bool:
    plain, risky, _ = lexicon.platforms()
    bare = word.rstrip("’'s").rstrip("’'") if word.endswith(("’s", "'s")) else word
    return bare in plain.values or bare in risky.values or word in plain.values


def _trim(text: str, start: int, end: int, owners: bool = True, opening: bool = True) -> tuple[int, int]:
    """Trim a run to its title: drop openers, platforms and possessive owners before it, dates after it."""
    table = frames()
    plain, risky, _ = lexicon.platforms()
    platform = plain.pattern.match(text, start) or risky.pattern.match(text, start)
    if platform is not None and platform.end() >= end - 2:
        return start, start
    owned = platform is not None and text[platform.end() : platform.end() + 2] in ("’s", "'s")
    if platform is not None and (owned or (opening and not text[platform.end() + 1 : platform.end() + 2].isupper())):
        start = platform.end() + (2 if owned else 0)
    words = list(_WORD.finditer(text, start, end))
    led = next((i for i, w in enumerate(words[:-1]) if _LED_WORD.search(w.group())), None)
    if led is not None:
        words = words[led + 1 :]
    while (words and words[0].group()[:1].islower()) or (words and words[0].group() == "&"):
        words.pop(0)
    for index, found in enumerate(words[:-1]):
        if found.group().endswith(("’s", "'s")) and ((index >= 1 and owners) or _platform_word(found.group())):
            words = words[index + 1 :]
            break
    cut = table.not_title if opening else table.leads
    while words:
        word = words[0].group()
        owner = word.endswith(("’s", "'s")) and len(words) > 1
        platform_word = _platform_word(word) and owner
        if (word in cut and word not in ("The", "A", "An")) or word in table.leads or platform_word or owner:
            words.pop(0)
            continue
        if opening and word in ("The", "A", "An") and len(words) > 1 and words[1].group() in table.not_title:
            words.pop(0)
            continue
        break
    while words and (words[-1].group().rstrip(".") in table.tails or words[-1].group().islower()
                     or _platform_word(words[-1].group())):
        words.pop()
    if not words:
        return start, start
    stop = words[-1].end()
    if text[stop - 2 : stop] in ("’s", "'s") and stop - 2 > words[0].start():
        stop -= 2
    dated = _TRAILING_DATE.search(text, words[0].start(), stop)
    if dated is not None and dated.start() > words[0].start():
        stop = dated.start()
    while stop > words[0].start() and text[stop - 1] in ",:.":
        if text[stop - 1] == "." and re.search(r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr))\.$", text[:stop]):
            break
        stop -= 1
    return words[0].start(), stop


def plausible_title(title: str) -> bool:
    """Tell whether an unquoted run can be a title (not a person, company, place, platform or date)."""
    table = frames()
    words = title.split()
    if not words or len(words) > 9 or len(title) < 2 or _DATELINE.match(title):
        return False
    if words[0] in ("Its", "His", "Her", "Their") or any(re.fullmatch(r"(?:19|20)\d\d", w) for w in words[:-1]):
        return False
    if _NOT_A_TITLE.search(title) or any(
        len(w) > 1 and w.isupper() and w.capitalize() in table.not_title for w in words
    ):
        return False
    if (words[0] in table.tails and words[0] not in ("The", "A", "An")) or all(
        part in table.tails for word in words for part in word.split("-")
    ):
        return False
    if all(w.strip(",:!?.") in table.not_title or w.islower() for w in words):
        return False
    if words[-1].strip(",.") in table.org_tails or _platform_word(title):
        return False
    if len(words) == 1 and title.casefold() in lexicon.genres()[1]:
        return False
    places = lexicon.gazetteer("countries", folded=False).values
    cities = lexicon.gazetteer("cities", folded=False).values
    named = [w for w in re.split(r"\s+(?:and|&)\s+|,\s+", title) if w]
    if all(part in places or part in cities or _platform_word(part) for part in named) or re.match(
        r"(?:19|20)\d\d\b", title
    ):
        return False
    parts = re.split(r"\s+(?:and|&)\s+|,\s+", title)
    return not title.isdigit() and not any(_person_shaped(part.split(), table) for part in parts)


def _person_shaped(words: list[str], table: Frames) -> bool:
    """Tell whether words read as an East Asian personal name ("Kim Min-ji", "Lee Sung Kyung")."""
    if not words or words[0] not in table.family or not 2 <= len(words) <= 3 or any(w.islower() for w in words):
        return False
    rest = words[1:]
    return any("-" in w for w in rest) or all(len(w) <= 6 for w in rest)


def prose(line: str) -> bool:
    """Tell whether a line is written in sentence case (mostly lower-case words), not headline case."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 6 and sum(w[0].islower() for w in words) >= 0.4 * len(words)


def split_season(title: str) -> tuple[str, int | None]:
    """Split a trailing season from a title ("Minx Season 2" -> ("Minx", 2))."""
    match = _TRAILING_SEASON.search(title)
    if match is None or match.start() == 0:
        return title, None
    found = SEASON_AFTER.match(title, match.start())
    return title[: match.start()].rstrip(" :,-–"), season_number(found) if found else None


def _season_after(text: str, end: int) -> int | None:
    match = SEASON_AFTER.match(text, end, end + 30)
    return season_number(match) if match else None


def frame_titles(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return title-case runs set off by a cue frame ("the rom-com X", "X has been renewed", "X season 2")."""
    table = frames()
    text = doc.text
    starts = _starts(doc)
    spans = sorted((m.start, m.end) for m in taken)
    ends = before_ends(text)
    found: list[Mention] = []
    for sentence in doc.sentences:
        if sentence.headline and not prose(text[sentence.start : sentence.end]):
            continue
        for run in RUN.finditer(text, sentence.start, sentence.end):
            opening = run.start() == sentence.start or text[run.start() - 2 : run.start()] in ("- ", "\n")
            start, end = _trim(text, run.start(), run.end(), opening=opening)
            if end <= start or _overlaps(spans, start, end):
                continue
            title = text[start:end]
            if not plausible_title(title):
                continue
            after = text[end : min(len(text), end + 90)]
            frame = _frame(table, ends, start, after, text[max(0, start - 16) : start])
            if frame is None or frame == "credit" or (frame == "weak" and start == sentence.start and " " not in title):
                continue
            if start in ends.not_series or start in ends.person or table.after_person.match(after):
                continue
            if text[run.end() - 2 : run.end()] in ("’s", "'s") and end <= run.end() - 2 and not SEASON_AFTER.match(
                text, end
            ):
                continue
            season = _season_after(text, end)
            lead = SEASON_BEFORE.search(text, max(sentence.start, start - 40), start)
            if season is None and lead is not None:
                season = season_number(lead)
            found.append(Mention(start, end, title, _sentence(starts, start), title_key(title), source="frame",
                                 frame=frame, season=season))
    return _unique(found)


def _frame(table: Frames, ends: BeforeEnds, start: int, after: str, previous: str = "") -> str | None:
    if table.credit_after.match(after):
        return "credit"
    if start in ends.news or table.after_news.match(after):
        return "news"
    if start in ends.type or table.after_type.match(after) or _LED.search(previous):
        return "type"
    if start in ends.weak or table.after_weak.match(after):
        return "weak"
    return None


def chained_titles(doc: Document, found: list[Mention]) -> list[Mention]:
    """Return the runs listed right after a framed title ("X, Y and Z"): one candidate per listed show."""
    text = doc.text
    starts = _starts(doc)
    spans = sorted((m.start, m.end) for m in found)
    items: list[Mention] = []
    for mention in found:
        if mention.title is None or mention.frame is None:
            continue
        limit = doc.sentences[mention.sentence].end
        position = mention.end
        while True:
            run = RUN.search(text, position, limit)
            if run is None or not _LIST_GAP.fullmatch(text[position : run.start()]):
                break
            start, end = _trim(text, run.start(), run.end(), opening=False)
            pieces = [(start, end)]
            joined = text.rfind(" and ", start, end)
            if joined > start and text[end : end + 1] != ",":
                pieces = [(start, joined), (joined + 5, end)]
            for begin, stop in pieces:
                title = text[begin:stop]
                if stop - begin < 3 or _overlaps(spans, begin, stop) or not plausible_title(title):
                    return _unique(items)
                items.append(Mention(begin, stop, title, _sentence(starts, begin), title_key(title), source="list",
                                     frame="weak", season=_season_after(text, stop)))
            position = end
    return _unique(items)


def list_titles(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return list lines that name one show each ("Title (Platform)", "Title – logline", a title on its own line)."""
    text = doc.text
    starts = _starts(doc)
    spans = sorted((m.start, m.end) for m in taken)
    lines: list[Mention] = []
    position = 0
    plain, _, _ = lexicon.platforms()
    for line in text.split("\n"):
        begin = position
        position += len(line) + 1
        if begin < doc.headline_end or not line.strip() or len(line) > 160:
            continue
        match = _LIST_LINE.match(line)
        if match is None:
            continue
        raw = match.group("title")
        paren = match.group("paren")
        start, end = _trim(text, begin + match.start("title"), begin + match.end("title"), opening=False)
        title = text[start:end]
        whole = RUN.fullmatch(title) is not None
        if not whole or not plausible_title(title) or _overlaps(spans, start, end) or raw.endswith("."):
            continue
        alone = match.end() >= len(line.rstrip())
        if paren is not None and not any(True for _ in plain.find(paren)) and not re.search(r"\d", paren):
            continue
        if alone and paren is None and len(title.split()) > 7:
            continue
        lines.append(Mention(start, end, title, _sentence(starts, start), title_key(title), source="list",
                             frame="weak", season=_season_after(text, end)))
    return _unique(lines) if len(lines) >= 2 else []


def headline_runs(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return the title a headline names before its series word or after its type word ("X Anime Casts Y")."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in taken):
        return []
    table = frames()
    text = doc.text[: doc.headline_end]
    plain, _, _ = lexicon.platforms()
    covered = [(hit.start, hit.end) for hit in plain.find(text)]
    words = [w for w in _WORD.finditer(text) if not any(a <= w.start() < b for a, b in covered)]
    found: list[Mention] = []
    found.extend(_season_of_title(text, words))
    for index, word in enumerate(words):
        series_word = table.headline_series.match(text, word.start()) if index else None
        if series_word is not None and series_word.start() == word.start():
            span = _before_series_word(text, words, index, covered)
        elif index and words[index - 1].group().casefold() in _HEAD_TYPES:
            span = _after_type_word(text, words, index)
        else:
            continue
        if span is None:
            continue
        start, end = _trim(text, span[0], span[1], owners=False, opening=False)
        while start < end and text[start:end].split()[0].casefold() in _HEAD_LEADS:
            start += len(text[start:end].split()[0]) + 1
        title = text[start:end]
        if end <= start or not plausible_title(title) or any(
            w.casefold().rstrip("'’s") in table.head_not_series for w in title.split()
        ):
            continue
        previous = text[:start].split()[-1:]
        following = text[end:].split()[1:2]
        if (previous and previous[0].casefold() in table.head_blockers) or (
            following and following[0].casefold().strip(",:") in table.head_not_series
        ):
            continue
        if (len(title.split()) == 1 and title.isupper() and len(title) <= 4) or any(m.start == start for m in found):
            continue
        typed = re.match(r"\s+(?:TV\s+)?(?:Anime|Series|Drama|K-Drama)\b", text[end:])
        season = _season_after(text, end) or (_season_after(text, end + typed.end()) if typed else None)
        found.append(Mention(start, end, title, 0, title_key(title), source="headline", frame="news",
                             season=season))
    return found[:2]


def _season_of_title(text: str, words: list[re.Match[str]]) -> list[Mention]:
    """Return the title of a "Season 2 Of X" headline, with its season."""
    season_of = _HEAD_SEASON_OF.search(text)
    if season_of is None:
        return []
    table = frames()
    rest = [w for w in words if w.start() >= season_of.end()]
    stop = next((i for i, w in enumerate(rest) if _head_stop(table, w.group())), len(rest))
    if not stop or not plausible_title(text[rest[0].start() : rest[stop - 1].end()]):
        return []
    start, end = rest[0].start(), rest[stop - 1].end()
    number = SEASON_AFTER.match(" season " + season_of.group("n"))
    return [Mention(start, end, text[start:end], 0, title_key(text[start:end]), source="headline", frame="news",
                    season=season_number(number) if number else None)]


def _before_series_word(text: str, words: list[re.Match[str]], index: int,
                        covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the span of title words right before a headline's series word, back to a verb or a platform."""
    table = frames()
    end = index
    if end and _ORDINAL.match(words[end - 1].group()):
        end -= 1
    if text[words[index].start() :].startswith(("TV Anime", "Anime", "Live-Action", "Drama")):
        while end > 1 and words[end - 1].group().casefold() in _ADAPTED_FROM | {"a", "an"}:
            end -= 1
    first = end
    while first > 0:
        word = words[first - 1]
        gap = text[word.end() : words[first].start()]
        folded = word.group().casefold()
        hard = (folded in table.headline_stop and folded not in _HEAD_SMALL) or (
            _platform_word(word.group()) and not _inside_title(table, words, first - 1)
        )
        if hard or any(a < words[first].start() and b > word.end() for a, b in covered) or gap.strip() != "" or (
            word.group()[:1].islower() and folded not in _HEAD_SMALL
        ):
            break
        first -= 1
    if first >= end or (end - first == 1 and (words[first].group().endswith(("’s", "'s")) or (
        first and words[first - 1].group()[:1].islower()
    ))):
        return None
    return words[first].start(), words[end - 1].end()


def _inside_title(table: Frames, words: list[re.Match[str]], index: int) -> bool:
    """Tell whether a platform-named word sits between title words ("Moonlit Fox Shrine"), not before them."""
    if index == 0:
        return False
    previous = words[index - 1].group()
    return previous[:1].isupper() and not _head_stop(table, previous) and not _platform_word(previous)


def _after_type_word(text: str, words: list[re.Match[str]], index: int) -> tuple[int, int] | None:
    """Return the span of a title right after a headline's type word ("C-drama X With Y")."""
    table = frames()
    if index >= 2 and words[index - 2].group().casefold() == "the":
        return None
    last = index
    while last < len(words) and not _head_stop(table, words[last].group()):
        last += 1
    if last - index < 2:
        return None
    return words[index].start(), words[last - 1].end()


def _head_stop(table: Frames, word: str) -> bool:
    folded = word.casefold()
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    return folded in table.headline_stop or _platform_word(word) or _ORDINAL.match(word) is not None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(spans, (end, 1 << 30)) - 1
    while index >= 0 and spans[index][1] > start:
        if spans[index][0] < end:
            return True
        index -= 1
    return False


def _unique(found: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    last = -1
    for mention in sorted(found, key=lambda m: m.start):
        if mention.start >= last:
            kept.append(mention)
            last = mention.end
    return kept


def split_seasons(found: list[Mention]) -> list[Mention]:
    """Move a season written into a title ("Minx Season 2") to the mention's season; drop headline films."""
    kept: list[Mention] = []
    for mention in found:
        kept.append(mention)
        if mention.title is None:
            continue
        lead = _SEASON_OF.match(mention.title)
        if lead is not None:
            number = SEASON_AFTER.match(" season " + lead.group("n"))
            mention.season = mention.season or (season_number(number) if number else None)
            mention.title = mention.title[lead.end() :]
            mention.start += lead.end()
            mention.key = title_key(mention.title)
        cut = _HEAD_TYPE.search(mention.title) if mention.sentence == 0 else None
        if cut is not None and cut.start() > 0:
            if re.search(r"Film|Movie", cut.group()):
                kept.pop()
                continue
            mention.title = mention.title[: cut.start()]
            mention.key = title_key(mention.title)
        title, season = split_season(mention.title)
        if season is not None:
            mention.title, mention.key = title, title_key(title)
            mention.season = mention.season or season
    _number_suffix(kept)
    return kept


def _number_suffix(found: list[Mention]) -> None:
    """Read "X 3" and "X" in one text as one series, titled as written with the number, season 3."""
    numbered: dict[str, tuple[str, int]] = {}
    for mention in found:
        match = re.fullmatch(r"(.+?) (\d{1,2})", mention.title or "")
        if match is not None:
            numbered[title_key(match.group(1))] = (mention.title or "", int(match.group(2)))
    for mention in found:
        if mention.title and mention.key in numbered:
            mention.title, number = numbered[mention.key]
            mention.key = title_key(mention.title)
            mention.season = mention.season or number


def frame_quoted(doc: Document, found: list[Mention]) -> None:
    """Give quoted mentions the strength of the cue frame around them, as unquoted ones get."""
    table = frames()
    text = doc.text
    ends = before_ends(text)
    for mention in found:
        if mention.source != "quoted" or mention.title is None:
            continue
        sentence = doc.sentences[mention.sentence]
        before = text[max(sentence.start, mention.start - 12) : mention.start]
        after = text[mention.end : mention.end + 90]
        if mention.start in ends.not_series:
            continue
        mention.frame = _frame(table, ends, mention.start, after.lstrip("”’\"'"))
        if mention.sentence == 0 and _SCENE.search(before) and mention.frame != "news":
            mention.frame = "scene"
        if mention.season is None:
            mention.season = _season_after(text, mention.end)
