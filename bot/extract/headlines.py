"""Read the series a trade headline names ("X Renewed For Season 3", "X Anime Casts Y", "Netflix Orders X")."""

from __future__ import annotations

import re
from functools import cache

from bot.extract import lexicon
from bot.extract.frames import (
    ORDINAL_WORDS,
    SEASON_AFTER,
    Frames,
    frames,
    season_number,
    shape_alternation,
    shape_words,
)
from bot.extract.nameshape import STRONG, name_shape, romanised_japanese
from bot.extract.runs import (
    LIST_SEPARATOR,
    RUBRICS,
    after_rubric,
    platform_word,
    plausible_title,
    season_after,
    sibling_spans,
    trim,
)
from bot.extract.text import Document
from bot.extract.titles import WORD, Mention, after_person_kind
from bot.names import title_key

_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)$")
_ADAPTED_FROM = frozenset(["gets", "get", "inspires", "manga", "novel", "novels", "light", "webtoon", "game", "comic",
                           "book"])
_HEAD_SEASON_OF = re.compile(r"\b(?:Season|Series|Part)\s+(?P<n>\d{1,2}|[A-Z][a-z]+)\s+[Oo]f\s+(?=[A-Z\d])")
_HEAD_LEADS = frozenset(["for", "to", "at", "on", "in", "from", "with", "by", "as", "of", "and", "upcoming", "new"])
# An explainer headline opens with a question word before its subject: "Why X Is Returning", "When A And B Return".
_QUESTION_LEAD = re.compile(r"(?:Why|When|How|Where)\s+(?=\S)")
_AUXILIARY = re.compile(r"\s*(?:Is|Are|Was|Were|Will|Has|Have)\b")
_HEAD_SMALL = frozenset(["as", "to", "for", "at", "on", "in", "from", "with", "by", "the", "of", "a", "an", "and"])
# A span of time closes a headline's clause, never a title: "Cancels X After Two Seasons", "Returns After 16 Years".
_TIME_PHRASE = re.compile(
    r"\b(?:After|Following|Over|In|Amid)\s+(?:(?:Just|Only|Nearly|Almost|Over|More\s+Than)\s+)?(?:\d{1,3}|"
    + ORDINAL_WORDS + r")\s+(?:(?:Long|Short|Full)\s+)?(?:Seasons?|Years?|Episodes?|Months?|Weeks?|Decades?|Series)\b",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           **{str(n): n for n in range(2, 13)}}
# Audience and format words between a title and its series word ("X Children's Anime", "X Kids Series").
_AUDIENCE = frozenset(["children's", "children’s", "kids'", "kids’", "kids", "preschool", "adult", "family", "web",
                       "short"])


# "ITV commissions four new dramas - A, B, C and D": the shows a headline counts, then lists.
_COUNTED_LIST = re.compile(
    r"\b(?:commission(?:s|ed)?|order(?:s|ed)?|cancel(?:s|led|ed)|renew(?:s|ed)|ax(?:es|ed)|greenlight(?:s|ed)?"
    r"|greenlit|picks\s+up)\s+(?P<count>" + "|".join(_COUNTS) + r")\s+(?:[\w-]+\s+){0,2}?"
    r"(?:series|shows|dramas|comedies|sitcoms|thrillers|programmes|programs|titles)\s*[-–—:]\s+(?P<list>.+)$",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(LIST_SEPARATOR)


@cache
def _head_types() -> frozenset[str]:
    """Return the type words a headline puts before the title they name ("C-drama X With Y")."""
    words = shape_words()
    return frozenset(words["series"] + words["headline_types"])


def counted_list(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return the titles a headline lists after counting them, when the list holds as many as it counts."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in taken):
        return []
    text = doc.text[: doc.headline_end]
    counted = _COUNTED_LIST.search(text)
    if counted is None:
        return []
    begin = counted.start("list")
    spans: list[tuple[int, int]] = []
    for piece in _LIST_SPLIT.split(counted.group("list")):
        start = text.index(piece, begin)
        begin = start + len(piece)
        stripped = piece.rstrip(" .!?")
        spans.append((start, start + len(stripped)))
    if len(spans) != _COUNTS[counted.group("count").casefold()] or not all(
        plausible_title(text[a:b]) and text[a:a + 1].isupper() for a, b in spans
    ):
        return []
    return [Mention(a, b, text[a:b], 0, title_key(text[a:b]), source="headline", frame="news") for a, b in spans]


def headline_runs(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return the title a headline names before its series word or after its type word ("X Anime Casts Y")."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in taken):
        return []
    table = frames()
    text = doc.text[: doc.headline_end]
    plain, _, _ = lexicon.platforms()
    covered = [(hit.start, hit.end) for hit in plain.find(text)]
    covered += [match.span() for match in _TIME_PHRASE.finditer(text)]
    words = [w for w in WORD.finditer(text) if not any(a <= w.start() < b for a, b in covered)]
    found: list[Mention] = []
    found.extend(_season_of_title(text, words))
    for index, word in enumerate(words):
        series_word = table.headline_series.match(text, word.start()) if index else None
        auxiliary = returning = False
        if series_word is not None and series_word.start() == word.start():
            span = _before_series_word(text, words, index, covered)
            auxiliary = _AUXILIARY.match(series_word.group()) is not None
            returning = "Return" in series_word.group()
            if span is not None and (
                    _genre_before_title(text, span, words, index) or _billed_by(text, span, words, index)):
                continue
        elif index and words[index - 1].group().casefold() in _head_types():
            span = _after_type_word(text, words, index)
        elif index and word.group() in table.headline_subject_verbs and not found and _body_series().search(
                doc.text, doc.headline_end):
            span = _opening_subject(text, words, index, covered)
        else:
            continue
        if span is not None:
            span = _without_billing(text, span)
        if span is None:
            continue
        start, end = trim(text, span[0], span[1], owners=False, opening=False)
        end = _with_particles(text, end, span[1])
        # The headline goes on after the title, so a closing "!" or "?" is the title's own ("Go Go Diner! Anime").
        if end < span[1] and text[end] in "!?" and (end + 1 == span[1] or text[end + 1] == " "):
            end += 1
        while start < end and text[start:end].split()[0].casefold() in _HEAD_LEADS:
            start += len(text[start:end].split()[0]) + 1
        while start < end and text[start:end].split()[-1].casefold() in _HEAD_LEADS:
            end = start + len(text[start:end].rsplit(maxsplit=1)[0]) if " " in text[start:end].strip() else start
        question = _QUESTION_LEAD.match(text, start) if auxiliary else None
        if question is not None:
            start = question.end()
        for begin, stop in sibling_spans(text, start, end):
            # People return as well as shows ("A Star Is Returning To Host ..."): a name is no title here.
            if returning and name_shape(text[begin:stop]) == STRONG:
                continue
            mention = _headline_mention(table, text, begin, stop, found)
            if mention is not None:
                found.append(mention)
    return found[:2]


def _headline_mention(table: Frames, text: str, start: int, end: int, found: list[Mention]) -> Mention | None:
    """Return the headline title at text[start:end], unless its words or neighbours say it is none."""
    title = text[start:end]
    # Only a kind word closing the run makes it a film or a book ("X Movie"); one inside names a show ("Stage Door").
    if end <= start or not plausible_title(title) or (
            title.split()[-1].casefold().rstrip("'’s") in table.head_not_series):
        return None
    previous = text[:start].split()[-1:]
    following = text[end:].split()[1:2]
    if (previous and previous[0].casefold() in table.head_blockers) or (
        following and following[0].casefold().strip(",:") in table.head_not_series
    ):
        return None
    if (len(title.split()) == 1 and title.isupper() and len(title) <= 4) or any(m.start == start for m in found):
        return None
    typed = re.match(r"\s+(?:TV\s+)?(?:Anime|Series|Drama|K-Drama)\b", text[end:])
    season = season_after(text, end) or (season_after(text, end + typed.end()) if typed else None)
    return Mention(start, end, title, 0, title_key(title), source="headline", frame="news", season=season)


@cache
def _body_series() -> re.Pattern[str]:
    """Without a series word in the headline, the body has to say the subject is a show ("the coastal mystery
    drama"): return the pattern of the words that say so."""
    return re.compile(rf"\b(?:{shape_alternation('series', 'body_series')})\b", re.IGNORECASE)


_PERSON_OBJECT = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:roles?|part|lead|gig|deal|nomination|awards?|debut|album|single)\b", re.IGNORECASE)


def _opening_subject(text: str, words: list[re.Match[str]], index: int,
                     covered: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the title a headline opens with when a trade verb follows it ("X Finalizes Casting")."""
    span = _before_series_word(text, words, index, covered)
    if span is None or text[: span[0]].strip(" '\"‘“") or name_shape(text[span[0] : span[1]]) == STRONG:
        return None
    # A person lands a role, a deal or an award; a show lands an order or a premiere date.
    if _PERSON_OBJECT.match(text, words[index].end()):
        return None
    return span


def _with_particles(text: str, end: int, span_end: int) -> int:
    """Return the end of a title with the particles that close a romanised Japanese title ("... Iru ka na")."""
    tail = text[end:span_end].split()
    before = text[:end].split()[-1:]
    if tail and before and all(word in frames().title_particles for word in tail) and romanised_japanese(before[0]):
        return span_end
    return end


def _genre_before_title(text: str, span: tuple[int, int], words: list[re.Match[str]], index: int) -> bool:
    """Tell whether the words before a type word are genres and the title follows it ("Sci-Fi Survival Anime X")."""
    first = text[span[0] : span[1]].split()[0].casefold()
    following = words[index + 1].group() if index + 1 < len(words) else ""
    return (first in lexicon.genres()[1] and words[index].group().casefold() in _head_types()
            and following[:1].isupper() and not _head_stop(frames(), following))


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
    while end > 1 and words[end - 1].group().casefold() in _AUDIENCE:
        end -= 1
    first = end
    while first > 0:
        word = words[first - 1]
        gap = text[word.end() : words[first].start()]
        folded = word.group().casefold()
        hard = (folded in table.headline_stop and folded not in _HEAD_SMALL) or (
            platform_word(word.group()) and not _inside_title(table, words, first - 1)
        )
        if hard or any(a < words[first].start() and b > word.end() for a, b in covered) or gap.strip() != "" or (
            word.group()[:1].islower() and folded not in _HEAD_SMALL and folded not in table.title_particles
        ):
            break
        first -= 1
    # A possessive right before the series word describes the show ("X Children's Anime"): the title ends unseen.
    if first >= end or words[end - 1].group().endswith(("’s", "'s")) or (
        end - first == 1 and first and words[first - 1].group()[:1].islower()
    ):
        return None
    return words[first].start(), words[end - 1].end()


def _billed_by(text: str, span: tuple[int, int], words: list[re.Match[str]], index: int) -> bool:
    """Tell whether the words before a kind word are the person billing a title after it ("Jo Marsh Drama X")."""
    following = words[index + 1].group() if index + 1 < len(words) else ""
    return (words[index].group() in frames().formats and following[:1].isupper()
            and not _head_stop(frames(), following) and name_shape(text[span[0] : span[1]]) == STRONG)


def _without_billing(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Return the span without a rubric ("Pilots 2019: X") or the person and kind of show billing it ("Jo Marsh
    Comedy X")."""
    span = (after_rubric(text, *span), span[1])
    rest = after_person_kind(list(WORD.finditer(text, *span)))
    return (rest[0].start(), rest[-1].end()) if rest else span


def _inside_title(table: Frames, words: list[re.Match[str]], index: int) -> bool:
    """Tell whether a platform-named word sits between title words ("Moonlit Fox Shrine"), not before them."""
    if index == 0:
        return False
    previous = words[index - 1].group()
    return previous[:1].isupper() and not _head_stop(table, previous) and not platform_word(previous)


def _after_type_word(text: str, words: list[re.Match[str]], index: int) -> tuple[int, int] | None:
    """Return the span of a title right after a headline's type word ("C-drama X With Y")."""
    table = frames()
    if index >= 2 and words[index - 2].group().casefold() == "the":
        return None
    last = index
    while last < len(words) and not _head_stop(table, words[last].group()):
        last += 1
    # Nothing marks where a title after a type word ends: a long span is the headline's clause, not a title.
    if not 2 <= last - index <= 9:
        return None
    return words[index].start(), words[last - 1].end()


def _head_stop(table: Frames, word: str) -> bool:
    folded = word.casefold()
    if folded.endswith(("'s", "’s")):
        folded = folded[:-2]
    return folded in table.headline_stop or platform_word(word) or _ORDINAL.match(word) is not None


# "X: Name to lead Apple TV+ thriller series", "X | Netflix Sets Premiere Date For Name Drama", "First Look At X,
# Prime Video's New Spy Series": a title set off at the head of a headline whose clause reports series news.
_LABEL = re.compile(r"^(?P<title>[^:|–—\n]{2,60}?)\s*(?::|\s\|\s|\s[–—]\s)\s*(?P<rest>\S.*)$")
_FIRST_LOOK = re.compile(
    r"^(?:(?:An?\s+)?(?:Exclusive\s+)?First\s+Look\s+(?:At|Inside|Of)\s+(?:the\s+)?)"
    r"(?P<title>[^:|–—,\n]{2,60}?)\s*(?:(?:,|:|\s\|\s|\s[–—]\s)\s*(?P<rest>\S.*))?$", re.IGNORECASE)
_SERIES_NEWS = re.compile(
    r"\b(?:series|drama|k-drama|docuseries|miniseries|sitcom|anime|season\s+\d+|limited\s+series|[\w]+-part"
    r"|\d+-episode|episodes|commission(?:s|ed)?|renew(?:s|ed)|order(?:s|ed))\b", re.IGNORECASE)


# "TV Anime of X Manga Announced": a headline that names the screen version first, then its source.
ANIME_OF = r"(?:TV\s+|Television\s+)?Anime\s+(?:Adaptation\s+)?(?:of|for)\s+"


@cache
def _adapted() -> re.Pattern[str]:
    """Return the pattern of a source work that gets a screen version: "X manga gets TV anime", "X Manga to get its
    own TV Series!", "X light novels are getting an anime", "TV Anime of X Manga". In any letter case, the source
    work's title names the series it gets."""
    works = f"(?:{shape_alternation('source_works')})"
    return re.compile(
        r"(?P<title>[A-Z0-9][^|–—\n]{0,60}?)\s+" + works
        + r"\s+(?:gets?|to\s+get|(?:is|are)\s+getting|will\s+get|getting|receives?|to\s+receive|will\s+receive"
        r"|inspires?)\s+(?:its\s+own\s+|their\s+own\s+|an?\s+)?(?:new\s+)?(?:(?:tv|television|live-action"
        r"|animated)\s+)*(?:anime|series|drama|adaptation|show)\b"
        r"|" + ANIME_OF + r"(?P<source>[A-Z0-9][^|–—\n]{0,60}?)\s+" + works + r"\b", re.IGNORECASE)


@cache
def _many_shows() -> re.Pattern[str]:
    """A clause about several shows ("NBC Orders Three Drama Pilots") leaves its label a kicker, not one show's
    title: return the pattern of the words that count several."""
    return re.compile(rf"\b(?:{shape_alternation('several_shows', 'several_projects')})\b", re.IGNORECASE)


def labelled_title(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return the title a headline sets off before a colon, pipe or dash, when the rest reports series news."""
    if doc.headline_end <= 0 or any(m.sentence == 0 for m in taken):
        return []
    text = doc.text[: doc.headline_end]
    prefix = re.match(r"(?:exclusive|breaking)\s*[:|–—-]\s*", text, re.IGNORECASE)
    offset = prefix.end() if prefix else 0
    adapted = _adapted().match(text, offset)
    group = "title" if adapted is not None and adapted.group("title") else "source"
    if adapted is not None and plausible_title(adapted.group(group)):
        start, end = adapted.span(group)
        return [Mention(start, end, text[start:end], 0, title_key(text[start:end]), source="headline", frame="news")]
    look = _FIRST_LOOK.match(text, offset)
    found = look or _LABEL.match(text, offset)
    rest = (found.group("rest") or "") if found else ""
    # A first look is series news when it says so, or when the body does ("First look at Netflix's X").
    if look is not None and not rest and _SERIES_NEWS.search(doc.text[doc.headline_end :]):
        rest = "series"
    if found is None or not _SERIES_NEWS.search(rest) or re.search(r"[“\"‘]", rest) or _many_shows().search(rest):
        return []
    start, end = found.span("title")
    while start < end and text[start] in "'’‘\"“":
        start += 1
    while end > start and text[end - 1] in "'’‘\"” ":
        end -= 1
    if platform_word(text[start:end].split(" ", 1)[0].rstrip("'’s")):
        start, end = trim(text, start, end, opening=False)  # "Netflix's X": the platform owns the show
    title = text[start:end]
    words = title.split()
    if (not words or words[0].casefold().rstrip(":") in RUBRICS or platform_word(title) or not plausible_title(title)
            or name_shape(title) == STRONG or len(words) > 8
            or any(w[:1].islower() and w.casefold() not in _HEAD_SMALL for w in words)):
        return []
    return [Mention(start, end, title, 0, title_key(title), source="headline", frame="news")]
