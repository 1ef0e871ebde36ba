"""Tie every fact to the series it belongs to, and keep the series the text announces."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import partial

from bot.extract import roles, titles, untitled
from bot.extract.cues import Cues
from bot.extract.entity import Entity
from bot.extract.entity_building import build_entities, share_list_news
from bot.extract.mentions import find_mentions, restore_articles
from bot.extract.platform_owners import paragraph_platforms, sentence_platforms
from bot.extract.platforms import dominant
from bot.extract.reading import Reader
from bot.extract.sentence_facts import positional_facts, sentence_cues, sources, type_votes
from bot.extract.text import Document
from bot.extract.titles import Mention, Role


def _read_sentences(reader: Reader) -> None:
    """Walk the sentences, attributing cues and facts to entities."""
    doc = reader.doc
    by_mention = reader.by_mention
    if not reader.entities:
        return
    per_sentence: dict[int, list[Mention]] = {}
    for mention in sorted(reader.mentions, key=lambda m: m.start):
        per_sentence.setdefault(mention.sentence, []).append(mention)
    people = reader.people()
    reader.sort_free_cues()
    carry: Entity | None = None
    # A text about one series may give its cast before it names it ("The six-parter stars A and B. Titled X, ...").
    distinct = {id(entity): entity for entity in by_mention.values()}
    only = next(iter(distinct.values())) if len(distinct) == 1 else None
    for sentence in doc.sentences:
        here = per_sentence.get(sentence.index, [])
        eligible = [m for m in here if id(m) in by_mention and (m.title is None or m.role is Role.MAIN)]
        targets = {id(by_mention[id(m)]): by_mention[id(m)] for m in eligible}
        # A sentence that brings in a series the next one names speaks of that series.
        ahead = next((by_mention[id(m)] for m in per_sentence.get(sentence.index + 1, [])
                      if m.introduced and id(m) in by_mention), None) if not targets else None
        near = ahead or carry
        # The sentence counting the shows a list then names ("cancelled four comedies.") says it of each.
        counted = [by_mention[id(m)] for m in per_sentence.get(sentence.index + 1, [])
                   if id(m) in by_mention and m.role is Role.MAIN] if ahead is not None and any(
            m.counted for m in per_sentence.get(sentence.index + 1, [])) else []
        if not targets and near is not None:
            targets = {id(near): near}
        if not eligible and near is None:
            # No entity owns anything this sentence says: every fact read in it would be dropped, but its people.
            if only is not None:
                only.people.extend(people.get(sentence.index, []))
            continue
        free = reader.free[sentence.index]
        sentence_cues(reader, sentence.start, sentence.end, free, targets.values())
        type_votes(reader, here, sentence.start, sentence.end)

        owner = partial(reader.owner, eligible=eligible, starts=[m.start for m in eligible], carry=near)
        # A title named as a person's earlier credit ("from X creator A") owns none of the people around it: they
        # are the makers or cast of the show the sentence announces, or of the one before.
        pool = [m for m in eligible if m.frame != "credit"]
        people_owner = partial(reader.owner, eligible=pool, starts=[m.start for m in pool], carry=near) if (
            pool or near is not None) else owner

        sentence_platforms(reader, here, sentence.start, sentence.end, owner, sentence.headline)
        listed = [by_mention[id(m)] for m in eligible if m.source == "list"] + [
            entity for entity in counted if entity is not ahead]
        positional_facts(reader, sentence.start, sentence.end, free, owner, listed, eligible)
        for fact in people.get(sentence.index, []):
            found = people_owner(fact.position)
            if found is not None:
                found.people.append(fact)
        sources(reader, here, sentence.start, sentence.end, owner)
        # A song or game named beside the show is not what the next sentences go on about: the show stays.
        works = [by_mention[id(m)] for m in eligible]
        shows = [e for e in works if not ("other" in e.apposed and "series" not in e.apposed)]
        if shows or (works and carry is None):
            carry = (shows or works)[-1]


def read_entities(
    doc: Document, published: datetime | None, set_aside: list[tuple[str, str]] | None = None
) -> tuple[list[Entity], str | None]:
    """Return the entities of a document and the platform it names most outside credits, if one dominates.

    Titles read only as credits, sources or asides are added to set_aside as (title, role) when it is given.
    """
    cues = Cues(doc.text)
    found, repeats = find_mentions(doc)
    found = sorted(found + repeats, key=lambda m: m.start)
    restore_articles(doc.text, found)
    roles.assign_roles(doc, found)
    repeated = {id(m) for m in repeats}
    news = {m.title for m in found if m.role is Role.MAIN and id(m) not in repeated}
    found = [m for m in found if m.title in news or id(m) not in repeated]
    unnamed = titles.find_untitled(doc, cues.found["untitled"], cues.found["implicit"])
    # The words that describe an untitled project ("a yet-to-be-titled Amazon Original series") are not its title.
    found = [m for m in found if not any(u.start <= m.start and m.end <= u.end for u in unnamed)] + unnamed
    found += untitled.find_described(doc, cues.found["described"], cues.found["news"], found)
    entities, by_mention = build_entities(doc, found)
    reader = Reader(doc, published, found, cues, entities, by_mention)
    reader.build_mask()
    _read_sentences(reader)
    paragraph_platforms(reader)
    share_list_news(reader.entities.values())
    if set_aside is not None:
        for mention in found:
            if mention.title and mention.key not in reader.entities:
                set_aside.append((mention.title, mention.role.value))
    return sorted(reader.entities.values(), key=lambda e: e.first), dominant(Counter(h.name for h in reader.platforms))
