"""Find unquoted title candidates: title-case runs that a cue frame sets off, and their seasons (list items: lists)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from bot.extract import classify, nameshape
from bot.extract.cues import BeforeEnds, before_ends
from bot.extract.frames import SEASON_AFTER, Frames, frames, season_before, season_number
from bot.extract.leads import LeadFilter, lowered_text
from bot.extract.nameshape import STRONG, name_shape
from bot.extract.roles import fronted_subject
from bot.extract.runs import (
    LED_WORD,
    LIST_SEPARATOR,
    RUN,
    overlaps,
    person_shaped,
    platform_word,
    plausible_title,
    prose,
    season_after,
    sentence_at,
    split_season,
    starts_of,
    trim,
    unique,
)
from bot.extract.text import Document
from bot.extract.titles import Mention
from bot.names import title_key

_HEAD_TYPE = re.compile(r"\s+(?:TV\s+|Live-Action\s+)?(?:Anime|Film|Movie|Series|Drama|K-Drama)(?:['’]s)?\b")
_LED = re.compile(r"\w-(?:led|starring|fronted|helmed|produced|backed)\s+$")
_SCENE = re.compile(r"\b(?:In|On|Of|At|From|To)\s+(?:This\s+|These\s+)?$")
_SEASON_OF = re.compile(r"^(?:Season|Part|Series)\s+(?P<n>\d{1,2}|[A-Z][a-z]+)\s+of\s+(?=[A-Z\d])")
_RUNS_ON = re.compile(r"[!?]\s+[a-z]")
_NUMBERED = re.compile(r"(.+?) (\d{1,2})")
_QUOTED_ITEM_GAP = re.compile(r"[”\"’']?\s*" + LIST_SEPARATOR + r"[“\"‘']?$")
# A title quoted US style holds its list comma: “A,” “B,” and “C”.
_QUOTED_COMMA_GAP = re.compile(r"\s+(?:(?:and|&)\s+)?$")
# A sentence that is nothing but quoted titles: “A,” “B,” and “C.”
_QUOTED_ONLY = re.compile(r"(?:[“\"][^“”\"\n]{1,80}[”\"]\s*(?:,\s*)?(?:(?:and|&)\s+)?)+[.:]?\s*")
# A sentence that ends counting the shows a network acted on: "... cancelled four freshman comedies."
_COUNTED_SHOWS = re.compile(
    r"\b(?:cancel+ed|canceled|renewed|ordered|axed|picked\s+up|greenlit|commissioned)\s+(?:(?:its|their|the|all)\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:[\w-]+\s+){0,2}"
    r"(?:series|shows|comedies|dramas|sitcoms|programmes|programs|titles)\s*[.:]?\s*$", re.IGNORECASE)
# What marks "A and B" as two shows rather than one title with "and" in it ("Shadow and Bone has been renewed").
_PLURAL_AFTER = re.compile(r",?\s+(?:have|are|were|both|respectively)\b|,?\s+will\s+both\b")
_PLURAL_BEFORE = re.compile(r"\b(?:[Bb]oth|[Tt]hese\s+are|[Tt]hose\s+are|[Tt]hey\s+are|namely)\s+$")
_JOINED = re.compile(r" (?:by|with|for|from|at) (?P<words>[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|the|and|in|to|a|an))*)")


@dataclass(frozen=True, slots=True)
class _After:
    """The after-title frames of cues.toml, each tried only after a word it can start with."""

    news: LeadFilter
    type: LeadFilter
    weak: LeadFilter
    credit: LeadFilter
    any: LeadFilter


@cache
def _after() -> _After:
    table = frames()
    kinds = (table.after_news, table.after_type, table.after_weak)
    either = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in kinds), table.after_news.flags)
    return _After(*map(LeadFilter, (*kinds, table.credit_after, either)))


def frame_titles(doc: Document, taken: list[Mention]) -> list[Mention]:
    """Return title-case runs set off by a cue frame ("the rom-com X", "X has been renewed", "X season 2")."""
    table = frames()
    text = doc.text
    starts = starts_of(doc)
    spans = sorted((m.start, m.end) for m in taken)
    ends = before_ends(text)
    framed = sorted(ends.news | ends.type | ends.weak)
    lowered = lowered_text(text)
    found: list[Mention] = []
    for sentence in doc.sentences:
        if sentence.headline and not prose(text[sentence.start : sentence.end]):
            continue
        for run in RUN.finditer(text, sentence.start, sentence.end):
            if _bare_word(text, run, sentence.end, ends):
                continue
            if not _may_be_framed(text, lowered, run, framed):
                continue
            opening = run.start() == sentence.start or text[run.start() - 2 : run.start()] in ("- ", "\n")
            # A "?" or "!" the sentence runs on after belongs to the title, and so does the word that opens it.
            opening = opening and not _RUNS_ON.match(text, run.end() - 1)
            # "Season 3 of X" is one title-case run: the title is what follows the season.
            season_of = _SEASON_OF.match(text[run.start() : run.end()]) if text.startswith(
                ("Season", "Part", "Series"), run.start()) else None
            begin = run.start() + season_of.end() if season_of else run.start()
            start, end = trim(text, begin, run.end(), opening=opening and season_of is None)
            if opening and start > begin and _named_mid_sentence(text, table, begin, start, end):
                start, end = trim(text, begin, run.end(), opening=False)
            if end == run.end():
                end = _joined_tail(table, text, end, sentence.end)
            if end <= start or overlaps(spans, start, end):
                continue
            title = text[start:end]
            after = text[end : min(sentence.end, end + 90)]
            pieces = _pair(text, start, end, after)
            if pieces is None and not plausible_title(title) and not _capitals_title(
                text, sentence.start, start, title, ends
            ):
                continue
            frame = _frame(ends, start, after, text[max(0, start - 16) : start], doc.year)
            if frame is None or frame == "credit" or (frame == "weak" and start == sentence.start and " " not in title):
                continue
            if _in_credit_clause(text, sentence.start, start):
                continue
            if text[max(0, start - 5) : start] == "from " and nameshape.name_shape(title) == nameshape.STRONG:
                continue
            typed_before = start in ends.not_series and not fronted_subject(text, sentence.start, start, end) and (
                not _GETS_ADAPTATION.match(after)) and not _ADAPTED_BOOK.search(
                text[max(sentence.start, start - 120) : start])
            if typed_before or start in ends.person or table.after_person.match(after) or (
                " " not in title and table.adjective_after.match(after)
            ):
                continue
            if text[run.end() - 2 : run.end()] in ("’s", "'s") and end <= run.end() - 2 and not SEASON_AFTER.match(
                text, end
            ):
                continue
            lead = season_before(text, max(sentence.start, start - 40), start, lowered)
            # The second show of a pair shares what the sentence says of the first, as a list item does.
            for index, (begin, stop) in enumerate(pieces or [(start, end)]):
                season = season_after(text, stop)
                if season is None and lead is not None:
                    season = season_number(lead)
                found.append(Mention(begin, stop, text[begin:stop], sentence_at(starts, begin),
                                     title_key(text[begin:stop]), source="list" if index else "frame", frame=frame,
                                     season=season))
    return unique(found)


def _bare_word(text: str, run: re.Match[str], limit: int, ends: BeforeEnds) -> bool:
    """Tell whether a run is one word that no frame makes a title, so that it need not be trimmed and tested.

    A number or a word of letters that plausible_title turns down ("2024", "The", "London") stays so: trimming
    leaves it whole or nothing (in ASCII, no platform name can cut it short). Words that run on from it ("1917 by
    Night") may make a title, and so may a type word before a word in capitals (see _capitals_title).
    """
    word = run.group()
    if not word.isascii() or not (word.isdigit() or word.isalpha()) or plausible_title(word):
        return False
    if word.isupper() and run.start() in ends.type:
        return False
    return _JOINED.match(text, run.end(), limit) is None


def _pair(text: str, start: int, end: int, after: str) -> list[tuple[int, int]] | None:
    """Return the two titles of a run "A and B" that the sentence treats as two shows: a plural verb or "both"
    follows ("A and B have both been cancelled"), "both" or "these are" leads in, or only the halves read as titles.
    """
    title = text[start:end]
    if " and " not in title or LED_WORD.search(title):
        return None
    if title.count(" and ") != 1:
        # "A and B and C": one "and" joins two titles, the other belongs to one of them.
        return _split_named_alone(text, start, end)
    left, right = title.split(" and ")
    if not (left[:1].isupper() and right[:1].isupper()) or not all(
        plausible_title(half) and name_shape(half) != STRONG for half in (left, right)
    ):
        return None
    before = text[max(0, start - 20) : start]
    if not (_PLURAL_AFTER.match(after) or _PLURAL_BEFORE.search(before) or not plausible_title(title)):
        return None
    joined = start + len(left)
    return [(start, joined), (joined + 5, end)]


def _split_named_alone(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Split "A and B and C" where one side is named alone elsewhere in the text ("Salt and Stone stars ...").

    A side of two words or more that the text repeats on its own is one title, so the run joins two shows there.
    A single "A and B" is left to _pair: naming A alone later says nothing of whether B is a show of its own.
    """
    title = text[start:end]
    for joint in (m.start() for m in re.finditer(" and ", title)):
        left, right = title[:joint], title[joint + 5 :]
        if not (right[:1].isupper() and plausible_title(left) and plausible_title(right)):
            continue
        if any(" " in half and name_shape(half) != STRONG and _named_alone(text, start, end, half)
               for half in (left, right)):
            return [(start, start + joint), (start + joint + 5, end)]
    return None


def _named_alone(text: str, start: int, end: int, half: str) -> bool:
    for found in re.finditer(re.escape(half), text):
        if start <= found.start() < end:
            continue
        before, after = text[max(0, found.start() - 5) : found.start()], text[found.end() : found.end() + 5]
        if before.endswith(" and ") or after.startswith(" and") or text[found.end() : found.end() + 1].isalnum():
            continue
        if found.start() > 0 and text[found.start() - 1].isalnum():
            continue
        return True
    return False


_CLAUSE_ENDS = re.compile(r",\s+(?:is|was|will|has|had|returns?|joins?|helms?|takes?)\b|[.;:!?]")


def _in_credit_clause(text: str, sentence_start: int, start: int) -> bool:
    """Tell whether a title stands in a "who directed A and B" clause of earlier credits, before its main verb."""
    lead = text[max(sentence_start, start - 200) : start]
    if "who " not in lead:
        return False
    clauses = list(classify.cue("credit_clause").finditer(lead))
    return bool(clauses) and _CLAUSE_ENDS.search(lead, clauses[-1].end()) is None


def _named_mid_sentence(text: str, table: Frames, begin: int, start: int, end: int) -> bool:
    """Tell whether the opening words cut off a run ("The Last ...") belong to it: the text names the whole run
    again inside a sentence, where no opener stands."""
    cut = text[begin:start].split()
    if not cut or any(word not in table.not_title or word in table.leads for word in cut):
        return False
    whole = text[begin:end]
    found = text.find(whole)
    while found >= 0:
        if found != begin and found > 1 and text[found - 1] == " " and text[found - 2].isalnum():
            return True
        found = text.find(whole, found + 1)
    return False


def _capitals_title(text: str, sentence_start: int, start: int, title: str, ends: BeforeEnds) -> bool:
    """Tell whether a word in capitals that is also a common word ("YOU", "THEM") is a title styled so.

    It is, right after a type word ("the stalker drama YOU") in a sentence not itself written in capitals; a word
    in capitals that opens a sentence is its dateline ("LONDON -- ..."), whatever the line before ends with.
    """
    return (" " not in title and len(title) >= 2 and title.isalpha() and title.isupper() and start in ends.type
            and start > sentence_start and not text[sentence_start:start].isupper())


def _joined_tail(table: Frames, text: str, end: int, limit: int) -> int:
    """Return where a title ends that runs on over "by" or "with" to the end of its clause ("Stand by Me Now.").

    A run stops at such words, as they usually start a credit ("X by Jane Doe") or a platform ("X with Netflix");
    the title goes on when what follows is neither a name nor a platform nor a date and closes the clause.
    """
    position = end
    while (joined := _JOINED.match(text, position, limit)) is not None:
        words = joined.group("words")
        if not _title_words(table, words):
            return end
        position = joined.end()
    if position == end or (position < limit and text[position] not in ".,;:!?)"):
        return end
    return position


# "the manga, X, is getting a TV anime adaptation": the source work lends the series its title.
_GETS_ADAPTATION = re.compile(
    r",?\s*(?:is|are|will\s+be)\s+getting\s+(?:an?\s+|its\s+own\s+)?(?:[\w-]+\s+){0,3}?(?:TV\s+|live-action\s+)?"
    r"(?:anime|series|drama|adaptation)\b", re.IGNORECASE)
# "an adaptation of A's novel X", "is adapting her novel, X,": the book a series adapts, as cues.toml frames it.
_ADAPTED_BOOK = re.compile(
    r"\b(?:adaptation\s+of|adapting|adapts?)\s+(?:the\s+|(?:his|her|their)\s+|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*"
    r"['’]s\s+)(?:[\w-]+\s+){0,3}?(?:novel|book|memoir|bestseller)(?:\s+series)?(?:,\s*|\s+)$")
# "the premiere of its new series X for Sept. 21": a date, as the full month names in not_title are.
_MONTH_ABBREVIATION = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$")


def _title_words(table: Frames, words: str) -> bool:
    """Tell whether words after "by" or "with" can go on a title: not a name, platform, company or date."""
    parts = words.split()
    if (parts[0] in table.not_title and parts[0] not in ("You", "Me", "Us")) or parts[0] in table.tails or (
            _MONTH_ABBREVIATION.match(parts[0])):
        return False
    if platform_word(words) or parts[-1] in table.org_tails or nameshape.is_given_name(parts[0]):
        return False
    return nameshape.name_shape(words) != nameshape.STRONG and not person_shaped(parts, table)


def _may_be_framed(text: str, lowered: str, run: re.Match[str], framed: list[int]) -> bool:
    """Tell cheaply whether a run can stand in a frame at all, before it is trimmed and tested in full."""
    start, end = run.span()
    index = bisect.bisect_left(framed, start)
    if index < len(framed) and framed[index] < end:
        return True
    # The word tests come before the after-frame patterns: they are cheaper and settle a quarter of the runs.
    if _framed_words(run.group()):
        return True
    if _after().any.matches_at(text, lowered, end, end + 90):
        return True
    return text.find("-", max(0, start - 16), start) >= 0 and _LED.search(text, max(0, start - 16), start) is not None


@lru_cache(maxsize=8192)
def _framed_words(run: str) -> bool:
    """Tell whether the words of a run alone may put it in a frame (a "-led" word, a tail word, a number...)."""
    if "-" in run and any(LED_WORD.search(word) for word in run.split()):
        return True
    last = run.rsplit(" ", 1)[-1]
    return last in frames().tails or last[-1:].isdigit() or last.endswith(("’s", "'s")) or platform_word(last)


def _frame(ends: BeforeEnds, start: int, after: str, previous: str = "", year: int | None = None) -> str | None:
    frame = _after()
    lowered, stop = lowered_text(after), len(after)
    if frame.credit.matches_at(after, lowered, 0, stop) or ends.credit_at(start, year):
        return "credit"
    if start in ends.news or frame.news.matches_at(after, lowered, 0, stop):
        return "news"
    if start in ends.type or frame.type.matches_at(after, lowered, 0, stop) or (
            "-" in previous and _LED.search(previous)):
        return "type"
    if start in ends.weak or frame.weak.matches_at(after, lowered, 0, stop):
        return "weak"
    return None


def split_seasons(found: list[Mention]) -> list[Mention]:
    """Move a season written into a title ("Minx Season 2") to the mention's season; drop headline films."""
    kept: list[Mention] = []
    for mention in found:
        kept.append(mention)
        if mention.title is None:
            continue
        lead = _SEASON_OF.match(mention.title) if mention.title.startswith(("Season", "Part", "Series")) else None
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
        match = _NUMBERED.fullmatch(mention.title) if mention.title and mention.title[-1].isdigit() else None
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
    previous: Mention | None = None
    for mention in sorted(found, key=lambda m: m.start):
        if mention.source not in ("quoted", "repeat") or mention.title is None:
            continue
        listed_after = previous if previous is not None and previous.sentence == mention.sentence and (
            _QUOTED_ITEM_GAP.match(text, previous.end, mention.start) or (
                text[previous.start : previous.end].rstrip("”’\"'").endswith(",")
                and _QUOTED_COMMA_GAP.match(text, previous.end, mention.start))) else None
        previous = mention
        sentence = doc.sentences[mention.sentence]
        before = text[max(sentence.start, mention.start - 12) : mention.start]
        after = text[mention.end : min(sentence.end, mention.end + 90)]
        if mention.start in ends.not_series:
            continue
        after = after.lstrip("”’\"'")
        if text[mention.start : mention.end].rstrip("”’\"'").endswith(","):
            after = "," + after  # US style sets the comma inside the quotes: “X,” a drama from...
        mention.frame = _frame(ends, mention.start, after, year=doc.year)
        if listed_after is None and mention.frame in (None, "weak") and _names_the_counted_shows(doc, mention):
            mention.frame = "news"
            mention.introduced = mention.counted = True
        if listed_after is not None and listed_after.frame == "news" and mention.frame in (None, "weak"):
            # "renewed “A”, “B” and “C” for another season": each listed title is in the news frame.
            mention.frame = "news"
        if mention.sentence == 0 and _SCENE.search(before) and mention.frame != "news":
            mention.frame = "scene"
        if mention.sentence == 0 and before.rstrip().endswith(":") and len(mention.title.split()) >= 5:
            mention.frame = "credit"
        elif person_shaped(mention.title.split(), table) and mention.frame != "news":
            mention.frame = "person"
        if mention.season is None:
            lead = season_before(text, max(sentence.start, mention.start - 60), mention.start)
            mention.season = season_after(text, mention.end) or (season_number(lead) if lead else None)


def _names_the_counted_shows(doc: Document, mention: Mention) -> bool:
    """Tell whether a quoted title opens a sentence of quoted titles only, right after one that counts the shows a
    network acted on ("The network cancelled four freshman comedies." / "“A,” “B” and “C.”")."""
    sentence = doc.sentences[mention.sentence]
    if mention.sentence == 0 or mention.start > sentence.start + 1:
        return False
    text = doc.text
    if _QUOTED_ONLY.fullmatch(text, sentence.start, sentence.end) is None:
        return False
    earlier = doc.sentences[mention.sentence - 1]
    return _COUNTED_SHOWS.search(text, earlier.start, earlier.end) is not None


def follow_ups(doc: Document, found: list[Mention]) -> None:
    """Make news of a title framed as a series that opens the sentence after one bringing in an unnamed new series."""
    text = doc.text
    starts: dict[int, list[int]] = {}
    for mention in found:
        starts.setdefault(mention.sentence, []).append(mention.start)
    for mention in found:
        sentence = doc.sentences[mention.sentence]
        if mention.frame != "type" or mention.sentence == 0 or text[sentence.start : mention.start].strip("“\"‘'"):
            continue
        previous = doc.sentences[mention.sentence - 1]
        brought = classify.cue("introduces").search(text, previous.start, previous.end)
        if brought is not None and not any(start > brought.start() for start in starts.get(previous.index, [])):
            mention.frame = "news"
            mention.introduced = True
