"""Read news text and return the series it announces, as SeriesFacts."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from bot.extract import classify, reports
from bot.extract.assemble import read_entities
from bot.extract.chrome import drop_page_chrome
from bot.extract.cues import matches
from bot.extract.cuts import drop_cut_run
from bot.extract.entity import Entity
from bot.extract.facts import resolve_names, to_facts
from bot.extract.headlines import ANIME_OF
from bot.extract.scoring import Context, Verdict, judge
from bot.extract.serialise import facts_to_dict
from bot.extract.text import build_document
from bot.extract.untitled import fold_described
from bot.model import SeriesFacts, Status
from bot.names import fold, title_key

__all__ = ["explain", "extract", "facts_to_dict"]

log = logging.getLogger(__name__)


def _merge_adaptations(entities: list[Entity]) -> list[Entity]:
    """Fold an untitled "adaptation of X" into the titled series X the same text names."""
    titled = {title_key(e.title): e for e in entities if e.title}
    for entity in entities:
        if entity.title and entity.based_on:
            titled.setdefault(title_key(entity.based_on), entity)
    kept = []
    for entity in entities:
        target = titled.get(title_key(entity.based_on)) if not entity.title and entity.based_on else None
        if target is None:
            kept.append(entity)
            continue
        target.based_on = target.based_on or entity.based_on
        target.absorb(entity)
    return kept


def _merge_subtitled(entities: list[Entity]) -> list[Entity]:
    """Fold "X: Subtitle" into the series X the same text names: a feed headline shortens the full title."""
    short = {title_key(e.title): e for e in entities if e.title and ":" not in e.title}
    kept = []
    for entity in entities:
        head = entity.title.split(":", 1)[0] if entity.title and ":" in entity.title else None
        target = short.get(title_key(head)) if head else None
        if target is None or target is entity:
            kept.append(entity)
            continue
        _fold(target, entity)
    # "Harbor Watch: Lowtide" ... "“Lowtide” was set to launch": the subtitle alone is the show's short name.
    full = {title_key(e.title.split(":", 1)[1]): e for e in kept if e.title and ":" in e.title}
    folded = []
    for entity in kept:
        target = full.get(title_key(entity.title)) if entity.title and ":" not in entity.title else None
        if target is None:
            folded.append(entity)
            continue
        _fold(target, entity)
    return folded


def _fold(target: Entity, entity: Entity) -> None:
    """Give target what the text says of entity, another name of the same series."""
    target.statuses.extend(s for s in entity.statuses if s not in target.statuses)
    target.dates.extend(entity.dates)
    target.absorb(entity)
    target.kinds.update(entity.kinds)
    target.sequel |= entity.sequel
    target.season = target.season or entity.season
    target.based_on = target.based_on or entity.based_on


_RATINGS = re.compile(r"\b(?:ratings?|viewership|viewers|nielsen)\b", re.IGNORECASE)


def _off_topic(head: str, said: frozenset[str], body: str = "") -> bool:
    """Tell whether a headline (whose cue tables `said` names) is news of something other than a series."""
    if _ANIME_OF.match(head):
        said = said - {"off_topic"}  # "TV Anime of X Manga Announced" is no manga news
    return bool(said & {"hard_off_topic", "off_topic"} or (
        "off_topic_headline" in said and "series_headline" not in said
    ) or ("film_headline" in said and "series_kind_headline" not in said and not _series_turn(body))
        or classify.rumour_question(head))


_ANIME_OF = re.compile(ANIME_OF + r"\S", re.IGNORECASE)


def _series_turn(body: str) -> bool:
    """Tell whether a sentence of the body reports series news of its own, not as a person's background."""
    return any(_SERIES_TURN.search(sentence) and not _BACKGROUND.search(sentence)
               for sentence in re.split(r"(?<=[.!?])\s+", body[:1500]))


# A film headline's item may go on to series news of its own ("Separately, Netflix renewed its drama X"): such a
# series is read, and the film is left to the film cues.
_SERIES_TURN = re.compile(
    r"\b(?:renew(?:s|ed)|cancel(?:s|led|ed)|series\s+order|order(?:s|ed)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}series)\b",
    re.IGNORECASE)
# "Quinn, whose drama X was renewed last year, ...": a relative clause or a past time makes it background.
_BACKGROUND = re.compile(r"\b(?:who|whose|which|where|last\s+(?:year|season|month)|previously|earlier|(?:19|20)\d\d)\b",
                         re.IGNORECASE)


def _ratings_aside(head: str, lead: str) -> bool:
    """Tell whether a headline is off topic only for its ratings words, around series news: a premiere its lead
    tells of (the show's first episodes) or a renewal or order it names ("X renewed after record ratings")."""
    if not (classify.found_in(lead, ("premiere_report",)) or _SERIES_TURN.search(head)):
        return False
    cleaned = _RATINGS.sub(" ", head)
    return not _off_topic(cleaned, classify.found_in(cleaned, _HEADLINE_CUES))


@dataclass(frozen=True, slots=True)
class _Read:
    """The candidate entities of a text, its dominant platform and what the whole text says."""

    entities: list[Entity]
    platform: str | None
    context: Context


_NOTHING = _Read([], None, Context())
_HEADLINE_CUES = ("hard_off_topic", "off_topic", "off_topic_headline", "series_headline", "slate", "film_headline",
                  "series_kind_headline")


def _entities(text: str, headline: str | None, published: datetime | None,
              set_aside: list[tuple[str, str]] | None = None) -> _Read:
    """Return what the text holds: candidate entities, platforms, slate flag and the end of its lead."""
    doc = build_document(drop_page_chrome(drop_cut_run(text or "")), headline, published)
    if not doc.sentences:
        return _NOTHING
    head = doc.text[: doc.headline_end] if doc.headline_end > 0 else ""
    said = classify.found_in(reports.without_award_category(head), _HEADLINE_CUES) if head else frozenset()
    lead = doc.text[doc.headline_end + 1 : doc.headline_end + 400] if head else ""
    if head and _off_topic(head, said, doc.text[doc.headline_end + 1 :]) and not _ratings_aside(head, lead):
        log.debug("off-topic headline: %s", head)
        return _NOTHING
    if reports.report_without_news(doc.text):
        log.debug("ratings report or awards slate: %s", head)
        return _NOTHING
    if classify.review_roundup(doc.text):
        log.debug("review round-up: %s", head)
        return _NOTHING
    slate = "slate" in said or bool(classify.found_in(doc.text[:400], ("slate",)))
    if head and classify.RETROSPECTIVE.search(head):
        log.debug("retrospective list: %s", head)
        return _NOTHING
    if head and classify.listicle(head) and ("slate" not in said or classify.opinion_list(head)):
        log.debug("list article: %s", head)
        return _NOTHING
    # The headline, or else the lead, says the slate is of series ("The market gets under way" / "new series").
    series_context = slate and ("series_headline" in said or bool(
        classify.found_in(doc.text[:400], ("series_headline",))))
    entities, platform = read_entities(doc, published, set_aside)
    if series_context and head:
        _share_headline_cancellation(head, entities)
    if slate and head:
        _cancellation_reasons(head, entities)
    body = [s for s in doc.sentences if not s.headline]
    lead_end = body[0].end if body else 0
    found = matches(doc.text)
    film_doc = len(found["film_words"]) > len(found["series_words"])
    news_doc = any(entity.strong for entity in entities)
    surnames = frozenset(fold(fact.name.rsplit(" ", 1)[-1]) for entity in entities for fact in entity.people)
    return _Read(entities, platform, Context(series_context, lead_end, film_doc, news_doc, surnames))


def _cancellation_reasons(head: str, entities: list[Entity]) -> None:
    """In a round-up headlined as cancellations, the ratings each listed show drew are why it was axed, not a
    recap of an old show: its list entry keeps its news."""
    if {status for _, status in classify.statuses(head)} != {Status.CANCELLED}:
        return
    for entity in entities:
        if "list" in entity.sources:
            entity.recap = False


def _share_headline_cancellation(head: str, entities: list[Entity]) -> None:
    """A round-up headlined as cancellations ("Every Show the Network Axed") cancels each show it lists that
    its own sentences give no other news."""
    said = {status for _, status in classify.statuses(head)}
    if said != {Status.CANCELLED}:
        return
    for entity in entities:
        if entity.title is not None and not entity.statuses:
            entity.statuses.append(Status.CANCELLED)


def explain(text: str, *, headline: str | None = None, published: datetime | None = None,
            threshold: float | None = None) -> list[Verdict]:
    """Return the verdict on every candidate series in the text, kept or dropped."""
    set_aside: list[tuple[str, str]] = []
    read = _entities(text, headline, published, set_aside)
    verdicts = [judge(entity, read.context, threshold) for entity in read.entities]
    seen: set[str] = set()
    for title, role in set_aside:
        if title not in seen:
            seen.add(title)
            verdicts.append(Verdict(title, {}, 0.0, False, f"read as {role}, not as news"))
    return verdicts


def extract(text: str, *, headline: str | None = None, published: datetime | None = None,
            threshold: float | None = None) -> list[SeriesFacts]:
    """Return one SeriesFacts for each series the text announces (none for other news)."""
    read = _entities(text, headline, published)
    verdicts = [judge(entity, read.context, threshold) for entity in read.entities]
    chosen = [entity for entity, verdict in zip(read.entities, verdicts, strict=True) if verdict.kept]
    chosen = fold_described(_merge_subtitled(_merge_adaptations(chosen)))
    if not chosen:
        return []
    names = resolve_names([fact for entity in chosen for fact in entity.people])
    return [to_facts(entity, names, read.platform) for entity in chosen]
