"""Title-case runs in news text, trimmed to the title they may be, and the tests a title must pass."""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from bot.extract import lexicon
from bot.extract.frames import SEASON_AFTER, Frames, frames, season_number
from bot.extract.nameshape import NOT_A_NAME, STRONG, is_given_name, name_shape
from bot.extract.scan import ODD_CASE
from bot.extract.text import Document
from bot.extract.titles import WORD, Mention, after_person_kind

# A title word: initials, an abbreviated honorific, a capitalised word or a number. It is spelt as its first
# character and then what may follow that character, so that a run opens with one character class (the
# regex engine then skips in C to the next capital or digit) and the check before the run can come after it.
# A slash joins two capitalised halves of one title word ("Hana/Kuro", "Fate/Zero").
_CAP_REST = (r"(?:(?<=[A-Z])(?:\.[A-Z])+\.?|(?<=M)(?:r|rs|s)\.|(?<=[DJ])r\.|(?<=S)t\."
             r"|(?<=[A-Z])[\w’'\-]*(?:/[A-Z][\w’'\-]*)?|(?<=\d)\d{0,3}(?:st|nd|rd|th)?)")
_CAP = r"[A-Z\d]" + _CAP_REST
_JOIN = (r"(?:of|the|and|in|on|to|a|an|or|de|del|la|le|el|no|wa|ga|na|ni|&|x|is|my|your|our|me|you|be|are"
         r"|was|not|it|its|up)")
# Words of a title are joined by a space (after a colon, or a "!" or "?" before an article) or by an ellipsis.
RUN = re.compile(r"[A-Z\d](?<![\w’'\-][A-Z\d])" + _CAP_REST + r"(?:(?:(?::|[!?](?= (?:The|A|An) [A-Z]))?"
                 + r"(?: " + _JOIN + r"){0,3} |(?:\.\.\.|…) ?)" + _CAP + r")*[!?]?")
# What stands between the items of a list of names or titles: a comma (with "and" or "&" after it) or "and"/"&".
LIST_SEPARATOR = r"(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)"
# Every match holds "season" or "part", in any letter case.
_TRAILING_SEASON = re.compile(
    r"\s*[:,\-–]?\s*(?:(?:Season|Part)\s+(?:\d{1,2}|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)"
    r"|\d{1,2}(?:st|nd|rd|th)\s+Season)$", re.IGNORECASE)
# "X is a 3 x 60-minute series": a verb and a count end the title run.
_DESCRIBED_NUMBER = re.compile(r" (?:is|was|are) (?:a|an) \d")
LED_WORD = re.compile(r"\w-(?:led|starring|fronted|helmed|produced|backed)$")
_NOT_A_TITLE = re.compile(
    r"(?:Spring|Summer|Fall|Autumn|Winter)\s+(?:19|20)\d\d$|^Q[1-4]$"
    # A blog's date line ("Jun 10 2016") above each post.
    r"|^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+(?:19|20)\d\d)?$"
    # A headline's phrasal verb after its subject ("Streamer Loads Up on Drama Series", "Doubles Down on Anime").
    r"|^[A-Z][a-z]+s\s+(?:Up|Down|Big)\s+(?:[Oo]n|[Ww]ith|[Ff]or|[Ii]n)\b")
# A bare year too: "his series X in 2017" dates a credit.
_TRAILING_DATE = re.compile(
    r"\s+(?:(?:on|in|at|from|by)\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?$|\s+in\s+(?:19|20)\d\d$")
# What follows a "!" or "?" that ends the sentence rather than the title: the text's end, a closing quote, or a
# next sentence; "Is It You? is a comedy" and "Oh Brother!." keep theirs.
_SENTENCE_AFTER = re.compile(r"\s*$|[”\"’']|\s+[A-Z“\"‘(]")
_DATELINE = re.compile(r"^[A-Z]{3,}:\s")
# Words that head a headline or a line as a rubric, never as a title ("Review: ...", "Box Office: ...").
RUBRICS = frozenset(["exclusive", "watch", "review", "recap", "report", "update", "updated", "breaking", "interview",
                     "opinion", "analysis", "trailer", "teaser", "video", "photos", "listen", "podcast", "news",
                     "poll", "quiz", "spoilers", "ratings", "box", "first", "tv", "preview", "feature", "explainer",
                     "column", "essay", "editorial", "q&a", "casting", "premiere", "weekend", "exclusive:"])
# A rubric of one or two words set off by a colon ("Ratings: X", "Box Office: X", "TV Ratings: X") heads a run.
_RUBRIC_LABEL = re.compile(r"(?P<label>[A-Z][\w&]*(?: [A-Z\d][\w&]*)?): ")
# Initials or an abbreviated honorific whose full stop ends a title ("J.R.", "Mrs."), searched for at its end.
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr))\.$")


def starts_of(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def sentence_at(starts: list[int], position: int) -> int:
    return max(bisect.bisect_right(starts, position) - 1, 0)


@lru_cache(maxsize=8192)
def platform_word(word: str) -> bool:
    plain, risky, _ = lexicon.platforms()
    bare = word.rstrip("’'s").rstrip("’'") if word.endswith(("’s", "'s")) else word.rstrip("’'")
    return bare in plain.values or bare in risky.values or word in plain.values


@cache
def _platform_starts() -> frozenset[str]:
    """Return the first words of every platform name, to try the platform patterns only where one may start."""
    plain, risky, _ = lexicon.platforms()
    return frozenset(key.split()[0] for key in [*plain.values, *risky.values] if key)


_BRAND_LABEL = re.compile(r" Originals?\b")

# An episode count ("The 6 x 60 series", "the 3 x 1-hour X", normalised so by bot.extract.text) opens a run without
# being part of the title.
_EPISODE_COUNT_WORDS = re.compile(r"(?:(?:The|A|An) )?\d{1,2} x \d{1,3}(?:-[a-z]+)?")


# "Orders Five Drama Pilots": a lone number word or a type word in the plural counts shows, it does not name one.
_COUNT_OR_PLURAL_TYPE = re.compile(
    r"(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Pilots|Dramas|Comedies|Sitcoms|Shows|Dramedies"
    r"|Thrillers|Miniseries|Docuseries)"
)


def _episode_count_words(words: list[re.Match[str]]) -> int:
    """Return how many of a run's first words are an episode count ("The 6 x 60"), or 0."""
    if len(words) < 3 or "x" not in (words[1].group(), words[2].group()):
        return 0  # the count's "x" is its second or third word
    for count in (4, 3):
        if len(words) >= count and _EPISODE_COUNT_WORDS.fullmatch(" ".join(w.group() for w in words[:count])):
            return count
    return 0


def _credited_people(words: list[str]) -> bool:
    """Tell whether words after a possessive are people: a given name and surname, or "Ann and Joe Reyes"."""
    if len(words) == 4 and words[1] == "and":
        words = words[2:]
    return len(words) == 2 and is_given_name(words[0]) and words[1][:1].isupper()


def _platform_only(text: str, start: int, end: int) -> bool:
    plain, risky, _ = lexicon.platforms()
    first = text[start : text.find(" ", start, end) if " " in text[start:end] else end]
    if first.rstrip("’'s") not in _platform_starts() and first not in _platform_starts():
        return False
    platform = plain.pattern.match(text, start) or risky.pattern.match(text, start)
    return platform is not None and platform.end() >= end - 2


def _after_person_in(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Return the words after "Name in" when a run opens with a person's name ("to join Jo Marsh in Title")."""
    inside = next((index for index, word in enumerate(words[:4]) if word.group() == "in"), None)
    if inside is None or inside < 2 or inside + 1 >= len(words):
        return after_person_kind(words)
    return words[inside + 1 :] if name_shape(" ".join(w.group() for w in words[:inside])) == STRONG else words


def trim(text: str, start: int, end: int, owners: bool = True, opening: bool = True) -> tuple[int, int]:
    """Trim a run to its title: drop openers, platforms and possessive owners before it, dates after it."""
    table = frames()
    plain, risky, _ = lexicon.platforms()
    space = text.find(" ", start, end)
    first = text[start : space if space >= 0 else end]
    platform = None
    platform_starts = _platform_starts()
    if first.rstrip("’'s") in platform_starts or first in platform_starts:
        platform = plain.pattern.match(text, start) or risky.pattern.match(text, start)
    if platform is not None and platform.end() >= end - 2:
        return start, start
    # "a Hulu Original" brands a show: the platform and the label are no part of its title.
    label = _BRAND_LABEL.match(text, platform.end(), end) if platform is not None else None
    if label is not None:
        return (start, start) if label.end() >= end else trim(text, label.end() + 1, end, owners, opening=False)
    if first in ("The", "the") and _platform_only(text, start + 4, end):
        return start, start  # "The BBC One series will follow ...": the channel, not a title
    owned = platform is not None and text[platform.end() : platform.end() + 2] in ("’s", "'s")
    # "the GMMTV BL series X": a platform before nothing but format words is no part of a title.
    formats_only = platform is not None and all(w in table.formats for w in text[platform.end() : end].split())
    if platform is not None and (owned or formats_only or (
            opening and not text[platform.end() + 1 : platform.end() + 2].isupper())):
        start = platform.end() + (2 if owned else 0)
    start = after_rubric(text, start, end)
    described = _DESCRIBED_NUMBER.search(text, start, end) if space >= 0 else None
    if described is not None:
        end = described.start()
    words = list(WORD.finditer(text, start, end))
    if words and words[0].group() in table.speech:
        return start, start
    # Only a hyphenated word can be one ("X-led"): most runs have none.
    led = next((i for i, w in enumerate(words[:-1]) if LED_WORD.search(w.group())), None) if "-" in text[
        start:end] else None
    if led is not None:
        words = words[led + 1 :]
    while (words and words[0].group()[:1].islower()) or (words and words[0].group() == "&"):
        words.pop(0)
    for index, found in enumerate(words[:-1]):
        if not found.group().endswith(("’s", "'s")):
            continue
        if _credited_people([w.group() for w in words[index + 1 :]]):
            return start, start  # "The Harbour's Ann and Joe Reyes": a credit naming people, no title
        owner_run = index >= 1 and owners and words[0].group() not in ("The", "A", "An")
        if owner_run or platform_word(found.group()):
            words = words[index + 1 :]
            break
    counted = _episode_count_words(words)
    if counted:
        words = words[counted:]
    cut = table.not_title if opening else table.leads
    while words:
        word = words[0].group()
        owner = word.endswith(("’s", "'s")) and len(words) > 1
        if opening and word in table.title_adjectives and len(words) == 2 and _title_word(table, words[1].group()):
            break
        if (word in cut and word not in ("The", "A", "An")) or word in table.leads or owner:
            words.pop(0)
            # The preposition of a cut phrase goes with it ("Ahead of X", "According to X").
            if len(words) > 1 and words[0].group() in ("of", "to"):
                words.pop(0)
            continue
        if opening and word in ("The", "A", "An") and len(words) > 1 and words[1].group() in table.not_title:
            words.pop(0)
            continue
        break
    words = _after_person_in(words)
    while words and _tail_word(table, words[-1].group()):
        words.pop()
    if not words:
        return start, start
    stop = words[-1].end()
    if text[stop - 2 : stop] in ("’s", "'s") and stop - 2 > words[0].start():
        stop -= 2
    dated = _TRAILING_DATE.search(text, words[0].start(), stop) if len(words) > 1 else None
    if dated is not None and dated.start() > words[0].start():
        stop = dated.start()
    if text[stop - 1 : stop] in ("!", "?") and _SENTENCE_AFTER.match(text, stop):
        stop -= 1
    while stop > words[0].start() and text[stop - 1] in ",:.":
        if text[stop - 1] == "." and _ABBREVIATION_END.search(text, max(0, stop - 6), stop):
            break
        stop -= 1
    return words[0].start(), stop


def after_rubric(text: str, start: int, end: int) -> int:
    """Return where a run starts once a rubric set off by a colon ("Ratings: X") is cut from its front."""
    rubric = _RUBRIC_LABEL.match(text, start, end) if text.find(": ", start, end) >= 0 else None
    return rubric.end() if rubric is not None and _is_rubric(rubric.group("label")) else start


def _is_rubric(label: str) -> bool:
    """Tell whether a label before a colon is a rubric: a rubric word, or one then "Office" ("Box Office"), or a
    count of shows ("Pilots 2019: X", "Dramas: X") that a list of titles follows."""
    if _COUNT_OR_PLURAL_TYPE.fullmatch(label.split(" ", 1)[0]):
        return True
    words = label.casefold().split()
    return words[0] in RUBRICS and (len(words) == 1 or words[1] in RUBRICS or words[1] == "office")


def _title_word(table: Frames, word: str) -> bool:
    """Tell whether a word can stand as a title's head noun ("Girl", "Gods"), not a name, platform or opener."""
    return (word[:1].isupper() and word not in table.not_title and not platform_word(word)
            and word.casefold() not in table.headline_stop and not word.endswith(("’s", "'s")))


def _tail_word(table: Frames, word: str) -> bool:
    """Tell whether a run's last word is no part of its title: a tail word, a lower-case word, a platform."""
    return word.rstrip(".") in table.tails or word.islower() or platform_word(word) or word.endswith("-language")


# A month opens a title of four words or more ("April Rains on the Quiet Harbor"), where no date follows it.
_MONTH_LED = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"(?:\s+(?!\d)\S+){3,}$")


@lru_cache(maxsize=8192)
def plausible_title(title: str) -> bool:
    """Tell whether an unquoted run can be a title (not a person, company, place, platform or date)."""
    table = frames()
    words = title.split()
    # Long light-novel titles run to a dozen words, most of them small ones ("and the", "to Be", "no").
    if not words or sum(not w.islower() for w in words) > 9 or len(words) > 14 or len(title) < 2 or (
        _DATELINE.match(title)
    ):
        return False
    if len(words) > 1 and words[-1] in ("The", "A", "An"):
        return False
    # "King Sejong in the 2011 (drama)": a run cut before the noun a year describes.
    if len(words) > 2 and words[-2] in ("the", "a", "its", "their") and re.fullmatch(r"(?:19|20)\d\d", words[-1]):
        return False
    if words[0] in ("Its", "His", "Her", "Their") or any(re.fullmatch(r"(?:19|20)\d\d", w) for w in words[:-1]):
        return False
    if _NOT_A_TITLE.search(title) or LED_WORD.search(words[-1]) or any(
        len(w) > 1 and w.isupper() and w.capitalize() in table.not_title for w in words
    ):
        return False
    if (words[0] in table.tails and words[0] not in ("The", "A", "An") and not _MONTH_LED.match(title)) or all(
        part in table.tails for word in words for part in word.split("-")
    ):
        return False
    if all(w.strip(",:!?.") in table.not_title or w.islower() for w in words) or (
        len(words) == 2 and words[0] in table.compass and words[1] in table.not_title
    ):
        return False
    # "X the Animation" is a fixed title suffix, never a company's name.
    suffix = len(words) > 2 and words[-2] in ("the", "The")
    if (words[-1].strip(",.") in table.org_tails and not suffix) or platform_word(title):
        return False
    if len(words) == 1 and (title.casefold() in lexicon.genres()[1] or _COUNT_OR_PLURAL_TYPE.fullmatch(title)):
        return False
    if all(word.strip(",:!?.") in table.formats for word in words):
        return False
    places = lexicon.gazetteer("countries", folded=False).values
    cities = lexicon.gazetteer("cities", folded=False).values
    named = [w for w in re.split(r"\s+(?:and|&)\s+|,\s+", title) if w]
    # A place in capitals is a dateline ("LONDON -- The BBC ..."), as it is no title in title case.
    if all(part in places or part in cities or platform_word(part)
           or (part.isupper() and (part.title() in places or part.title() in cities)) for part in named) or re.match(
        r"(?:19|20)\d\d\b", title
    ):
        return False
    parts = re.split(r"\s+(?:and|&)\s+|,\s+", title)
    # "A and B Name" lists people, unless a part is a bare honorific ("Mr. & Mrs. Okafor" is one title).
    if len(parts) >= 2 and all(1 <= len(part.split()) <= 2 and part.istitle() for part in parts) and any(
        len(part.split()) == 2 for part in parts
    ) and not any(part.rstrip(".") in table.honorifics for part in parts):
        return False
    if len(words) == 3 and words[0] in table.ranks and is_given_name(words[1]):
        return False
    # "the J.J. Abrams/Jonah Nolan drama": a slash joins the two makers of a show, each a full name.
    halves = title.split("/")
    if len(halves) == 2 and all(len(h.split()) >= 2 and name_shape(h.strip()) != NOT_A_NAME for h in halves):
        return False
    return not title.isdigit() and not any(person_shaped(part.split(), table) for part in parts)


_SIBLING_JOIN = re.compile(r"\s+(?:and|And|&)\s+")


def sibling_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A Country And B Country" (two shows of one franchise sharing a word) into its two titles."""
    joins = list(_SIBLING_JOIN.finditer(text, start, end))
    if len(joins) != 1:
        return [(start, end)]
    left, right = text[start : joins[0].start()].split(), text[joins[0].end() : end].split()
    if len(left) < 2 or len(right) < 2 or not all(w[:1].isupper() for w in (left[0], right[0], left[-1], right[-1])):
        return [(start, end)]
    shared_last = left[-1] == right[-1] and left[-1] not in ("The", "A", "An")
    shared_first = left[0] == right[0] and left[0] not in ("The", "A", "An")
    if not (shared_last or shared_first):
        return [(start, end)]
    return [(start, joins[0].start()), (joins[0].end(), end)]


def person_shaped(words: list[str], table: Frames) -> bool:
    """Tell whether words read as an East Asian personal name ("Kim Min-ji", "Lee Sung Kyung", "Jackie Chan")."""
    if not 2 <= len(words) <= 3 or any(not w[:1].isupper() for w in words):
        return False
    if words[0] not in table.family:
        return len(words) == 2 and words[1] in table.family and words[0] not in table.honorifics
    rest = words[1:]
    return any("-" in w for w in rest) or all(len(w) <= 6 for w in rest)


def prose(line: str) -> bool:
    """Tell whether a line is written in sentence case (mostly lower-case words), not headline case."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 6 and sum(w[0].islower() for w in words) >= 0.4 * len(words)


def split_season(title: str) -> tuple[str, int | None]:
    """Split a trailing season from a title ("Minx Season 2" -> ("Minx", 2))."""
    folded = title.lower()
    held = any(word in folded for word in ("season", "part")) or any(letter in title for letter in ODD_CASE)
    match = _TRAILING_SEASON.search(title) if held else None
    if match is None or match.start() == 0:
        return title, None
    found = SEASON_AFTER.match(title, match.start())
    return title[: match.start()].rstrip(" :,-–"), season_number(found) if found else None


def season_after(text: str, end: int) -> int | None:
    match = SEASON_AFTER.match(text, end, end + 30)
    return season_number(match) if match else None


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(spans, (end, 1 << 30)) - 1
    while index >= 0 and spans[index][1] > start:
        if spans[index][0] < end:
            return True
        index -= 1
    return False


def unique(found: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    last = -1
    for mention in sorted(found, key=lambda m: m.start):
        if mention.start >= last:
            kept.append(mention)
            last = mention.end
    return kept
