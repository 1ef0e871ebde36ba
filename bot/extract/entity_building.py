"""Make one entity per series the mentions of a document name, and share the news of a list among its shows."""

from __future__ import annotations

from collections.abc import Iterable

from bot.extract.entity import Entity
from bot.extract.text import Document
from bot.extract.titles import Mention, Role


def build_entities(doc: Document, mentions: list[Mention]) -> tuple[dict[str, Entity], dict[int, Entity]]:
    """Return one entity per news-eligible title and per untitled project, by key and by id of each mention."""
    entities: dict[str, Entity] = {}
    by_mention: dict[int, Entity] = {}
    untitled: Entity | None = None
    headline_untitled = False
    titled_sentences = {m.sentence for m in mentions if m.title and m.role is Role.MAIN}
    paragraphs: set[int] = set()
    paragraph_openers: dict[int, int] = {}
    for sentence in doc.sentences:
        paragraph_openers.setdefault(sentence.paragraph, sentence.index)
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.title is None:
            if mention.implicit and mention.sentence in titled_sentences:
                continue
            if untitled is not None and (mention.definite or headline_untitled):
                entity = untitled
                headline_untitled = False
            else:
                key = f"untitled#{len(entities)}"
                entity = untitled = Entity(key, None, mention.start, kind_hint=mention.kind,
                                           described=mention.source == "described")
                entities[key] = entity
                headline_untitled = mention.sentence == 0 and doc.headline_end > 0
        elif mention.role in (Role.MAIN, Role.BACKGROUND):
            if mention.key not in entities:
                entities[mention.key] = Entity(mention.key, mention.title, mention.start)
            entity = entities[mention.key]
            _count(entity, mention, doc.headline_end > 0)
            paragraph = doc.sentences[mention.sentence].paragraph
            if mention.role is Role.MAIN and paragraph not in paragraphs:
                paragraphs.add(paragraph)
                entity.para_lead |= paragraph > 0
                entity.opens_paragraph |= paragraph > 0 and mention.sentence == paragraph_openers[paragraph]
        else:
            continue
        by_mention[id(mention)] = entity
    return entities, by_mention


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


def share_list_news(entities: Iterable[Entity]) -> None:
    """Give every show a list names the news that one of them carries: a list of shows is one slate."""
    listed = [entity for entity in entities if "list" in entity.sources]
    if any(entity.news for entity in listed):
        for entity in listed:
            entity.news = True
