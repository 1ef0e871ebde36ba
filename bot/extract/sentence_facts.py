"""Read what one sentence says of the series it names: cue flags, type words, season, status, dates, genres,
places and sources, each given to the entity that owns its position."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.extract import classify, lexicon, roles
from bot.extract.dates import premiere_dates
from bot.extract.entity import Entity, add_unique
from bot.extract.frames import SEASON_RENEWED, SEASON_RENEWED_WORDS, season_number
from bot.extract.reading import Free, Owner, Reader
from bot.extract.titles import Mention, Role

_SAME_NAME = re.compile(r"\bof\s+the\s+same\s+(?:name|title)\b", re.IGNORECASE)
_OF_NEXT = re.compile(r"\s+(?:of|for)\s")
# What stands between an active status verb and its object ("canceled the freshman drama X"): the verb names X.
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:the|its|their|veteran|freshman|sophomore|hit|long-running|comedy|drama|series|programs?|shows?|dramas?"
    r"|comedies|sitcoms?)\s+){0,4}[“\"‘']?")
_VOTE_TYPES = frozenset(("series", "drama", "comedy", "reality", "variety", "anime", "animation", "documentary",
                         "limited series"))


# A sentence that opens by calling the work a film ("The 95-minute feature film opens ...") says what the
# work it goes on about is.
_FILM_SUBJECT = re.compile(
    r"(?:The|This|That)\s+(?:\d{2,3}-minute\s+(?:feature(?:-length)?\s+)?(?:film|movie|documentary|feature)"
    r"|feature(?:-length)?\s+(?:film|documentary)|documentary\s+film)\s+(?:will|is|was|has|had|premieres|debuts|opens"
    r"|runs|stars|follows|tells|explores)\b"
)

# "the film" names the work the text is about unless it is a source, a comparison or another film: "adapted from
# the 2017 film", "set in the world of the film X".
_OTHER_FILM_BEFORE = re.compile(r"(?:\b(?:from|on|of|than|like|after)\s+(?:the|this|that|its)\s+(?:[\w-]+\s+)?"
                                r"|\b(?:19|20)\d\d\s+)$")
_OTHER_FILM_AFTER = re.compile(r"['’]s\b|\s+[“\"‘']?[A-Z]")

_COREF_KINDS = {"k-drama": "drama", "reality show": "reality", "sitcom": "comedy", "docuseries": "documentary",
                "miniseries": "limited series", "show": "series", "movie": "film", "feature": "film"}


def sentence_cues(reader: Reader, start: int, end: int, free: Free, targets: Iterable[Entity]) -> None:
    """Mark the entities a sentence speaks of with the cues it holds (news, recap, awards, film, synopsis)."""
    news = "news" in free or "status" in free
    strong = "strong" in free
    recap = "recap" in free
    awards = "awards" in free
    film = "film" in free
    synopsis = "synopsis" in free
    for entity in targets:
        entity.news |= news
        entity.strong |= strong
        entity.recap |= recap
        entity.awards |= awards
        entity.film_votes += film
        if synopsis and entity.synopsis is None and end - start <= 400:
            entity.synopsis = reader.doc.text[start:end]


def type_votes(reader: Reader, here: list[Mention], start: int, end: int) -> None:
    """Count the type word beside each mention of a sentence ("the drama X", "X, a film") for its entity."""
    previous_end = start
    previous_type: str | None = None
    for index, mention in enumerate(here):
        limit_after = here[index + 1].start if index + 1 < len(here) else end
        entity = reader.by_mention.get(id(mention))
        found: str | None = None
        if mention.title is None and entity is not None:
            found = mention.kind
        elif entity is not None and mention.role is Role.MAIN:
            found = roles.adjacent_type(reader.doc, mention, previous_end, limit_after)
            if found is None and index and roles.chained(reader.doc, here[index - 1], mention):
                found = previous_type
        if entity is not None:
            _vote(entity, found, 2)
            if found in _VOTE_TYPES or found in ("music", "other"):
                entity.apposed.add("series" if found in _VOTE_TYPES else "other")
        previous_end, previous_type = mention.end, found


def _vote(entity: Entity, type_word: str | None, weight: int) -> None:
    if type_word is None:
        return
    if type_word in _VOTE_TYPES:
        entity.series_votes += 1
        entity.kinds[type_word] += weight
    elif type_word == "film":
        entity.film_votes += 1
    elif type_word == "source":
        entity.self_source = True
    elif type_word in ("music", "other"):
        entity.other_votes += 1


def sources(reader: Reader, here: list[Mention], start: int, end: int, owner: Owner) -> None:
    """Give the owners of a sentence's source titles ("based on the novel X") and "of the same name" their source."""
    for mention in here:
        if mention.role is Role.SOURCE and mention.title:
            found = owner(mention.start)
            if found is not None and found.based_on is None:
                found.based_on = mention.title
    same = _SAME_NAME.search(reader.masked, start, end) if reader.holds("same", start, end) else None
    if same is not None:
        found = owner(same.start())
        if found is not None and found.based_on is None and found.title:
            found.based_on = found.title


def _object_of(reader: Reader, match: re.Match[str], eligible: list[Mention]) -> Entity | None:
    """Return the show an active status verb takes as its object ("renewed A and canceled B": B is cancelled)."""
    for mention in eligible:
        if mention.start >= match.end():
            gap = _OBJECT_GAP.fullmatch(reader.doc.text, match.end(), mention.start)
            return reader.by_mention[id(mention)] if gap is not None and mention.title else None
    return None


def positional_facts(reader: Reader, start: int, end: int, free: Free, owner: Owner, listed: list[Entity],
                     eligible: list[Mention]) -> None:
    """Give the facts a sentence states (season, status, dates, film, type, genres, countries, languages, places) to
    the entity that owns each one's position."""
    # What a sentence says of the head of a list ("renewed A, B and C for second seasons") it says of each item.
    renewed = SEASON_RENEWED.search(reader.masked, start, end) if any(
        reader.holds(word, start, end) for word in SEASON_RENEWED_WORDS) else None
    if renewed is not None:
        found = owner(renewed.start())
        for entity in [found, *listed] if found is not None else []:
            if entity.season is None:
                entity.season = season_number(renewed)
    for match in free.get("status", ()):
        # "a second season of X": the phrase names the title after it, not the one before.
        following = _OF_NEXT.match(reader.masked, match.end())
        found = _object_of(reader, match, eligible) or owner(following.end() if following else match.start())
        for entity in [found, *listed] if found is not None else []:
            if classify.is_sequel(match):
                entity.sequel = True
            elif entity is found or classify.status_of(match) not in entity.statuses:
                entity.statuses.append(classify.status_of(match))
    for premiere in premiere_dates(reader.masked, start, end, free["date"], reader.published) if "date" in free else ():
        found = owner(premiere.position)
        if found is not None:
            found.dates.append(premiere)
    film = _FILM_SUBJECT.match(reader.masked, start, end)
    found_film = owner(start) if film is not None else None
    if found_film is not None:
        found_film.film_votes += 1
        found_film.called_film = True
    for match in free.get("coref", ()):
        if classify.COREFERENCE_LEAD.search(reader.masked, max(start, match.start() - 30), match.start()) is None:
            continue
        found = owner(match.start())
        word = match.group("type").casefold()
        if word in ("film", "movie", "feature") and (
            _OTHER_FILM_BEFORE.search(reader.masked, max(start, match.start() - 40), match.start())
            or _OTHER_FILM_AFTER.match(reader.doc.text, match.end())
        ):
            continue
        if found is not None and word not in ("project", "season"):
            _vote(found, _COREF_KINDS.get(word, word), 1)
    for match in free.get("genre", ()):
        if _in_credit_parenthesis(reader.doc.text, match):
            continue
        found = owner(match.start())
        for genre in classify.genres_of(match) if found is not None else ():
            add_unique(found.genres if found else [], genre)
    for match in free.get("country", ()):
        countries = lexicon.gazetteer("countries", folded=False).values
        found = owner(match.start())
        if found is not None and match.group() in countries:
            add_unique(found.countries, countries[match.group()])
    for match in free.get("language", ()):
        found, language = owner(match.start()), classify.language_of(match)
        if found is not None and language:
            add_unique(found.languages, language)
    _locations(free, owner)


def _locations(free: Free, owner: Owner) -> None:
    cues = free.get("location")
    if not cues:
        return
    cities = lexicon.gazetteer("cities", folded=False).values
    for match in free.get("city", ()):
        if match.start() < cues[0].start():
            continue
        found = owner(match.start())
        if found is not None and match.group() in cities:
            add_unique(found.locations, match.group())
            add_unique(found.countries, cities[match.group()])


def _in_credit_parenthesis(text: str, match: re.Match[str]) -> bool:
    """Tell whether a capitalised genre word stands in a parenthesis of earlier credits ("A (Day One, Revenge)")."""
    if not match.group()[:1].isupper() or match.group().isupper():
        return False
    opening, closing = text.rfind("(", max(0, match.start() - 80), match.start()), text.find(")", match.end())
    return opening >= 0 and ")" not in text[opening : match.start()] and 0 <= closing - match.end() < 80
