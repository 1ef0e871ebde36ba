"""Tie every fact to the series it belongs to, and keep the series the text announces."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from bot.extract import candidates, classify, headlines, lexicon, lists, roles, runs, titles, untitled
from bot.extract.credits import find_people
from bot.extract.credits import patterns as credits_patterns
from bot.extract.cues import Cues
from bot.extract.dates import premiere_dates
from bot.extract.entity import Entity, Spans, add_unique
from bot.extract.frames import SEASON_RENEWED, SEASON_RENEWED_WORDS, season_number
from bot.extract.people import PersonFact
from bot.extract.platforms import PlatformHit, country_of, linked, platform_hits, tv_only
from bot.extract.scan import ODD_CASE
from bot.extract.text import Document, mask
from bot.extract.titles import Mention, Role

_CAPITAL_THE = re.compile(r"[\w,’'”] The $")
_SAME_NAME = re.compile(r"\bof\s+the\s+same\s+(?:name|title)\b", re.IGNORECASE)
# From a platform to the credit or source phrase of a title after it: "ITV and Amazon Studios' recent ".
_PAST_OWNER = re.compile(r"\b(?:former|previous|past|onetime|one-time)\s+$", re.IGNORECASE)
_CREDIT_GAP = re.compile(r"(?:\s*(?:,|and|&)\s*[A-Z][\w+.-]*(?:\s[A-Z][\w+.-]*){0,2})*['’]s?\s+(?:[\w-]+\s+){0,3}")
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

_Owner = Callable[[int], Entity | None]
# The free matches of the cues one sentence holds, by cue name.
_Free = dict[str, list[re.Match[str]]]
_SENTENCE_CUES = ("news", "status", "strong", "recap", "awards", "film", "synopsis", "date", "coref", "genre",
                  "country", "language", "location", "city")
_COREF_KINDS = {"k-drama": "drama", "reality show": "reality", "sitcom": "comedy", "docuseries": "documentary",
                "miniseries": "limited series", "show": "series", "movie": "film", "feature": "film"}


@dataclass(slots=True)
class _Reader:
    """One pass over a document, sentence by sentence."""

    doc: Document
    published: datetime | None
    mentions: list[Mention]
    cues: Cues
    entities: dict[str, Entity] = field(default_factory=dict)
    by_mention: dict[int, Entity] = field(default_factory=dict)
    masked: str = ""
    folded: str = ""
    zones: Spans = field(default_factory=lambda: Spans([]))
    platforms: list[PlatformHit] = field(default_factory=list)
    # Platforms the text names as news (not in a credit), with where they stand: the network of a paragraph.
    news_platforms: list[tuple[int, str]] = field(default_factory=list)
    # By sentence: the matches of each cue that start in it and that no title or credit covers.
    free: list[dict[str, list[re.Match[str]]]] = field(default_factory=list)

    def build_entities(self) -> None:
        """Create one entity per news-eligible title and per untitled project."""
        untitled: Entity | None = None
        headline_untitled = False
        titled_sentences = {m.sentence for m in self.mentions if m.title and m.role is Role.MAIN}
        paragraphs: set[int] = set()
        paragraph_openers: dict[int, int] = {}
        for sentence in self.doc.sentences:
            paragraph_openers.setdefault(sentence.paragraph, sentence.index)
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if mention.title is None:
                if mention.implicit and mention.sentence in titled_sentences:
                    continue
                if untitled is not None and (mention.definite or headline_untitled):
                    entity = untitled
                    headline_untitled = False
                else:
                    key = f"untitled#{len(self.entities)}"
                    entity = untitled = Entity(key, None, mention.start, kind_hint=mention.kind,
                                               described=mention.source == "described")
                    self.entities[key] = entity
                    headline_untitled = mention.sentence == 0 and self.doc.headline_end > 0
            elif mention.role in (Role.MAIN, Role.BACKGROUND):
                if mention.key not in self.entities:
                    self.entities[mention.key] = Entity(mention.key, mention.title, mention.start)
                entity = self.entities[mention.key]
                _count(entity, mention, self.doc.headline_end > 0)
                paragraph = self.doc.sentences[mention.sentence].paragraph
                if mention.role is Role.MAIN and paragraph not in paragraphs:
                    paragraphs.add(paragraph)
                    entity.para_lead |= paragraph > 0
                    entity.opens_paragraph |= paragraph > 0 and mention.sentence == paragraph_openers[paragraph]
            else:
                continue
            self.by_mention[id(mention)] = entity

    def build_mask(self) -> None:
        """Blank out titles and the credit, source and alias phrases that govern them."""
        spans = []
        for mention in self.mentions:
            if mention.title is None:
                continue
            start = mention.start if mention.role is Role.MAIN else mention.zone_start
            spans.append((min(start, mention.start), mention.end))
        self.zones = Spans(spans)
        self.masked = mask(self.doc.text, spans)
        folded = self.masked.lower()
        odd = len(folded) != len(self.masked) or any(letter in self.masked for letter in ODD_CASE)
        self.folded = "" if odd else folded
        self.platforms = [hit for hit in platform_hits(self.doc.text, self.cues.found["platform"],
                                                       self.cues.found["platform_risky"])
                          if not self.zones.touches(hit.start, hit.end)]

    def holds(self, word: str, start: int, end: int) -> bool:
        """Tell whether the masked text may hold a lower-case word in [start, end), in any letter case."""
        # A pattern that needs the word cannot match where it is absent: the test saves a regex search.
        return not self.folded or self.folded.find(word, start, end) >= 0

    def sort_free_cues(self) -> None:
        """File the matches of the sentence cues that no title or credit covers under the sentence they start in."""
        # Each sentence asks for a dozen cues, most of which it does not hold: one pass over the few matches
        # answers all of them.
        sentences = self.doc.sentences
        starts = [sentence.start for sentence in sentences]
        self.free = [{} for _ in sentences]
        for name in _SENTENCE_CUES:
            for match in self.cues.found[name]:
                index = bisect.bisect_right(starts, match.start()) - 1
                if index >= 0 and match.start() < sentences[index].end and not self.zones.touches(
                        match.start(), match.end()):
                    self.free[index].setdefault(name, []).append(match)

    def owner(self, position: int, eligible: list[Mention], starts: list[int], carry: Entity | None) -> Entity | None:
        """Return the entity a fact at position belongs to: nearest news mention before it, else after."""
        if not eligible:
            return carry
        index = bisect.bisect_right(starts, position) - 1
        return self.by_mention[id(eligible[max(index, 0)])]

    def people(self) -> dict[int, list[PersonFact]]:
        """Return the cast and creators read from the document, by sentence."""
        starts = [s.start for s in self.doc.sentences]
        blanks = [(m.start, m.end) for m in self.mentions if m.title] + [(h.start, h.end) for h in self.platforms]
        spans = Spans(blanks)
        found = {name: [m for m in self.cues.found[name] if not spans.touches(m.start(), m.end())]
                 for name in credits_patterns()}
        by_sentence: dict[int, list[PersonFact]] = {}
        for fact in find_people(mask(self.doc.text, blanks, keep=".!?;,"), found, self.doc.headline_end):
            by_sentence.setdefault(bisect.bisect_right(starts, fact.position) - 1, []).append(fact)
        return by_sentence

    def read(self) -> None:
        """Walk the sentences, attributing cues and facts to entities."""
        doc = self.doc
        if not self.entities:
            return
        per_sentence: dict[int, list[Mention]] = {}
        for mention in sorted(self.mentions, key=lambda m: m.start):
            per_sentence.setdefault(mention.sentence, []).append(mention)
        people = self.people()
        self.sort_free_cues()
        carry: Entity | None = None
        # A text about one series may give its cast before it names it ("The six-parter stars A and B. Titled X, ...").
        distinct = {id(entity): entity for entity in self.by_mention.values()}
        only = next(iter(distinct.values())) if len(distinct) == 1 else None
        for sentence in doc.sentences:
            here = per_sentence.get(sentence.index, [])
            eligible = [m for m in here if id(m) in self.by_mention and (m.title is None or m.role is Role.MAIN)]
            targets = {id(self.by_mention[id(m)]): self.by_mention[id(m)] for m in eligible}
            # A sentence that brings in a series the next one names speaks of that series.
            ahead = next((self.by_mention[id(m)] for m in per_sentence.get(sentence.index + 1, [])
                          if m.introduced and id(m) in self.by_mention), None) if not targets else None
            near = ahead or carry
            # The sentence counting the shows a list then names ("cancelled four comedies.") says it of each.
            counted = [self.by_mention[id(m)] for m in per_sentence.get(sentence.index + 1, [])
                       if id(m) in self.by_mention and m.role is Role.MAIN] if ahead is not None and any(
                m.counted for m in per_sentence.get(sentence.index + 1, [])) else []
            if not targets and near is not None:
                targets = {id(near): near}
            if not eligible and near is None:
                # No entity owns anything this sentence says: every fact read in it would be dropped, but its people.
                if only is not None:
                    only.people.extend(people.get(sentence.index, []))
                continue
            free = self.free[sentence.index]
            self._sentence_cues(sentence.start, sentence.end, free, targets.values())
            self._types(here, sentence.start, sentence.end)

            owner = partial(self.owner, eligible=eligible, starts=[m.start for m in eligible], carry=near)
            # A title named as a person's earlier credit ("from X creator A") owns none of the people around it: they
            # are the makers or cast of the show the sentence announces, or of the one before.
            pool = [m for m in eligible if m.frame != "credit"]
            people_owner = partial(self.owner, eligible=pool, starts=[m.start for m in pool], carry=near) if (
                pool or near is not None) else owner

            self._platforms(here, sentence.start, sentence.end, owner, sentence.headline)
            listed = [self.by_mention[id(m)] for m in eligible if m.source == "list"] + [
                entity for entity in counted if entity is not ahead]
            self._positional(sentence.start, sentence.end, free, owner, listed, eligible)
            for fact in people.get(sentence.index, []):
                found = people_owner(fact.position)
                if found is not None:
                    found.people.append(fact)
            for mention in here:
                if mention.role is Role.SOURCE and mention.title:
                    found = owner(mention.start)
                    if found is not None and found.based_on is None:
                        found.based_on = mention.title
            same = _SAME_NAME.search(self.masked, sentence.start, sentence.end) if self.holds(
                "same", sentence.start, sentence.end) else None
            if same is not None:
                found = owner(same.start())
                if found is not None and found.based_on is None and found.title:
                    found.based_on = found.title
            # A song or game named beside the show is not what the next sentences go on about: the show stays.
            works = [self.by_mention[id(m)] for m in eligible]
            shows = [e for e in works if not ("other" in e.apposed and "series" not in e.apposed)]
            if shows or (works and carry is None):
                carry = (shows or works)[-1]

    def _sentence_cues(self, start: int, end: int, free: _Free, targets: Iterable[Entity]) -> None:
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
                entity.synopsis = self.doc.text[start:end]

    def _types(self, here: list[Mention], start: int, end: int) -> None:
        previous_end = start
        previous_type: str | None = None
        for index, mention in enumerate(here):
            limit_after = here[index + 1].start if index + 1 < len(here) else end
            entity = self.by_mention.get(id(mention))
            found: str | None = None
            if mention.title is None and entity is not None:
                found = mention.kind
            elif entity is not None and mention.role is Role.MAIN:
                found = roles.adjacent_type(self.doc, mention, previous_end, limit_after)
                if found is None and index and roles.chained(self.doc, here[index - 1], mention):
                    found = previous_type
            if entity is not None:
                self._vote(entity, found, 2)
                if found in _VOTE_TYPES or found in ("music", "other"):
                    entity.apposed.add("series" if found in _VOTE_TYPES else "other")
            previous_end, previous_type = mention.end, found

    @staticmethod
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

    def _platforms(self, here: list[Mention], start: int, end: int, owner: _Owner, headline: bool) -> None:
        for hit in self.platforms:
            # "just like their former Comedy Central series": a network of an earlier show says nothing of this one.
            if not start <= hit.start < end or _PAST_OWNER.search(self.doc.text, max(0, hit.start - 24), hit.start):
                continue
            tied = [m for m in here if linked(self.doc.text, hit, m.start, m.end)]
            if tied:
                entity = self.by_mention.get(id(tied[0]))
                if entity is not None and tied[0].role is Role.MAIN:
                    entity.platforms[hit.name] += 3
                    entity.series_votes += tv_only(hit.name)
                    self.news_platforms.append((hit.start, hit.name))
                continue
            if self._credits_work(here, hit.end):
                continue
            self.news_platforms.append((hit.start, hit.name))
            for found in self._platform_owners(here, hit.start, owner):
                found.platforms[hit.name] += 2 if headline else 1
                found.series_votes += tv_only(hit.name)

    def paragraph_platforms(self) -> None:
        """Give a show no platform is tied to the network its paragraph last named ("ABC: A retires, B ends")."""
        starts = [sentence.start for sentence in self.doc.sentences]
        for entity in self.entities.values():
            if entity.platforms or entity.title is None:
                continue
            paragraph = self.doc.sentences[bisect.bisect_right(starts, entity.first) - 1].paragraph
            before = [(position, name) for position, name in self.news_platforms if position < entity.first
                      and self.doc.sentences[bisect.bisect_right(starts, position) - 1].paragraph == paragraph]
            if before:
                entity.paragraph_platform = max(before)[1]

    def _credits_work(self, here: list[Mention], position: int) -> bool:
        """Tell whether a platform names who made an earlier work the sentence credits, before any news title
        ("whose credits include ITV and Amazon's adaptation of X"): it says nothing of the show in the news."""
        for mention in here:
            if mention.end <= position:
                continue
            if mention.role is Role.MAIN:
                return False
            if mention.role is not Role.PAREN and mention.zone_start <= position:
                return True
            gap = self.doc.text[position : mention.zone_start]
            return mention.role is not Role.PAREN and _CREDIT_GAP.fullmatch(gap) is not None
        return False

    def _platform_owners(self, here: list[Mention], position: int, owner: _Owner) -> list[Entity]:
        """Return who a platform no title is tied to belongs to: the owner, or every project of a list of them.

        "A new X series, a Y drama and another Z show - all announced by P" names P for each described project.
        """
        found = owner(position)
        if found is None:
            return []
        projects = [self.by_mention[id(m)] for m in here if id(m) in self.by_mention]
        if found.described and len(projects) > 1 and all(p.described for p in projects) and all(
                m.end <= position for m in here if id(m) in self.by_mention):
            return list({id(p): p for p in projects}.values())
        return [found]

    def _object_of(self, match: re.Match[str], eligible: list[Mention]) -> Entity | None:
        """Return the show an active status verb takes as its object ("renewed A and canceled B": B is cancelled)."""
        for mention in eligible:
            if mention.start >= match.end():
                gap = _OBJECT_GAP.fullmatch(self.doc.text, match.end(), mention.start)
                return self.by_mention[id(mention)] if gap is not None and mention.title else None
        return None

    def _positional(self, start: int, end: int, free: _Free, owner: _Owner, listed: list[Entity],
                    eligible: list[Mention]) -> None:
        # What a sentence says of the head of a list ("renewed A, B and C for second seasons") it says of each item.
        renewed = SEASON_RENEWED.search(self.masked, start, end) if any(
            self.holds(word, start, end) for word in SEASON_RENEWED_WORDS) else None
        if renewed is not None:
            found = owner(renewed.start())
            for entity in [found, *listed] if found is not None else []:
                if entity.season is None:
                    entity.season = season_number(renewed)
        for match in free.get("status", ()):
            # "a second season of X": the phrase names the title after it, not the one before.
            following = _OF_NEXT.match(self.masked, match.end())
            found = self._object_of(match, eligible) or owner(following.end() if following else match.start())
            for entity in [found, *listed] if found is not None else []:
                if classify.is_sequel(match):
                    entity.sequel = True
                elif entity is found or classify.status_of(match) not in entity.statuses:
                    entity.statuses.append(classify.status_of(match))
        for premiere in premiere_dates(self.masked, start, end, free["date"], self.published) if "date" in free else ():
            found = owner(premiere.position)
            if found is not None:
                found.dates.append(premiere)
        film = _FILM_SUBJECT.match(self.masked, start, end)
        found_film = owner(start) if film is not None else None
        if found_film is not None:
            found_film.film_votes += 1
            found_film.called_film = True
        for match in free.get("coref", ()):
            if classify.COREFERENCE_LEAD.search(self.masked, max(start, match.start() - 30), match.start()) is None:
                continue
            found = owner(match.start())
            word = match.group("type").casefold()
            if word in ("film", "movie", "feature") and (
                _OTHER_FILM_BEFORE.search(self.masked, max(start, match.start() - 40), match.start())
                or _OTHER_FILM_AFTER.match(self.doc.text, match.end())
            ):
                continue
            if found is not None and word not in ("project", "season"):
                self._vote(found, _COREF_KINDS.get(word, word), 1)
        for match in free.get("genre", ()):
            if _in_credit_parenthesis(self.doc.text, match):
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
        self._locations(free, owner)

    def _locations(self, free: _Free, owner: _Owner) -> None:
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


def _share_list_news(entities: Iterable[Entity]) -> None:
    """Give every show a list names the news that one of them carries: a list of shows is one slate."""
    listed = [entity for entity in entities if "list" in entity.sources]
    if any(entity.news for entity in listed):
        for entity in listed:
            entity.news = True


def _count(entity: Entity, mention: Mention, headline: bool) -> None:
    """Add one mention's evidence (source, frame, headline, season) to its entity."""
    entity.mentions += 1
    if mention.role is not Role.MAIN:
        return
    entity.sources.add(mention.source)
    if mention.frame:
        entity.frames[mention.frame] += 1
    entity.in_headline |= headline and mention.sentence == 0
    if mention.season is not None and entity.season is None:
        entity.season = mention.season


def find_mentions(doc: Document) -> tuple[list[Mention], list[Mention]]:
    """Return every candidate title mention, and those of them that are repeats of another."""
    found = titles.find_quoted(doc)
    candidates.frame_quoted(doc, found)
    found += headlines.counted_list(doc, found)
    if doc.headline_end > 0 and not runs.prose(doc.text[: doc.headline_end]):
        found += titles.find_headline_titles(doc, found)
        found += headlines.headline_runs(doc, found)
        found = [m for m in found if m.source != "headline" or (
            m.title is None or (runs.plausible_title(m.title) and not doc.text[: m.start].endswith(", ")))]
    found += headlines.labelled_title(doc, found)
    found += lists.list_titles(doc, found)
    found += candidates.frame_titles(doc, found)
    found = candidates.split_seasons(found)
    repeats = titles.find_repeats(doc, found)
    candidates.frame_quoted(doc, repeats)
    listed = candidates.split_seasons(lists.chained_titles(doc, found + repeats))
    repeats += titles.find_repeats(doc, found + repeats + listed)
    spans = [(m.start, m.end) for m in repeats]
    found = [m for m in found + listed if not any(a <= m.start and m.end <= b and b - a > m.end - m.start
                                                  for a, b in spans)]
    candidates.follow_ups(doc, found)
    return found, repeats


def _restore_articles(text: str, mentions: list[Mention]) -> None:
    """Read "Lost Harbour" in a headline as the "The Lost Harbour" the body names: headlines drop the article."""
    full = {m.key: m.title for m in mentions if m.title and m.key.startswith("the ")}
    for mention in mentions:
        # A capital "The" inside a sentence, right before a title, belongs to it.
        before = text[max(0, mention.start - 12) : mention.start]
        if mention.title and not mention.key.startswith("the ") and _CAPITAL_THE.search(before):
            full.setdefault(f"the {mention.key}", f"The {mention.title}")
    for mention in mentions:
        if mention.title and f"the {mention.key}" in full:
            mention.title = full[f"the {mention.key}"]
            mention.key = f"the {mention.key}"


def _in_credit_parenthesis(text: str, match: re.Match[str]) -> bool:
    """Tell whether a capitalised genre word stands in a parenthesis of earlier credits ("A (Day One, Revenge)")."""
    if not match.group()[:1].isupper() or match.group().isupper():
        return False
    opening, closing = text.rfind("(", max(0, match.start() - 80), match.start()), text.find(")", match.end())
    return opening >= 0 and ")" not in text[opening : match.start()] and 0 <= closing - match.end() < 80


def read_entities(
    doc: Document, published: datetime | None, set_aside: list[tuple[str, str]] | None = None
) -> tuple[list[Entity], str | None]:
    """Return the entities of a document and the platform it names most outside credits, if one dominates.

    Titles read only as credits, sources or asides are added to set_aside as (title, role) when it is given.
    """
    cues = Cues(doc.text)
    found, repeats = find_mentions(doc)
    found = sorted(found + repeats, key=lambda m: m.start)
    _restore_articles(doc.text, found)
    roles.assign_roles(doc, found)
    repeated = {id(m) for m in repeats}
    news = {m.title for m in found if m.role is Role.MAIN and id(m) not in repeated}
    found = [m for m in found if m.title in news or id(m) not in repeated]
    unnamed = titles.find_untitled(doc, cues.found["untitled"], cues.found["implicit"])
    # The words that describe an untitled project ("a yet-to-be-titled Amazon Original series") are not its title.
    found = [m for m in found if not any(u.start <= m.start and m.end <= u.end for u in unnamed)] + unnamed
    found += untitled.find_described(doc, cues.found["described"], cues.found["news"], found)
    reader = _Reader(doc, published, found, cues)
    reader.build_entities()
    reader.build_mask()
    reader.read()
    reader.paragraph_platforms()
    _share_list_news(reader.entities.values())
    if set_aside is not None:
        for mention in found:
            if mention.title and mention.key not in reader.entities:
                set_aside.append((mention.title, mention.role.value))
    return sorted(reader.entities.values(), key=lambda e: e.first), _dominant(Counter(h.name for h in reader.platforms))


def _leader(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None


def _dominant(counts: Counter[str]) -> str | None:
    """Return the platform the text names most, if one dominates. A broadcaster that dominates, alone or with its
    channels, stands for the channel the text names ("The BBC has ordered ... for BBC One" is BBC One news)."""
    table = lexicon.platforms()[2]
    parents = {name: (table[name].parent if name in table else None) or name for name in counts}
    leader = _leader(counts)
    if leader is None:
        families: Counter[str] = Counter()
        for name, count in counts.items():
            families[parents[name]] += count
        family = _leader(families)
    elif parents[leader] == leader:
        family = leader
    else:
        return leader
    channels = [(n, name) for name, n in counts.items() if name != family and parents[name] == family]
    return max(channels, key=lambda item: item[0])[1] if channels else leader


def platform_country(name: str | None) -> str | None:
    """Return the country a national broadcaster stands for."""
    return country_of(name) if name else None
