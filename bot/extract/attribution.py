"""Give people read beside candidates that were not kept to the one series a text announces."""

from __future__ import annotations

from bot.extract.entity import Entity


def adopt_people(chosen: list[Entity], candidates: list[Entity]) -> None:
    """When a text announces one series, add to it the cast and creators read beside the candidates it dropped.

    Real articles name the cast one or two sentences after a title the reader took for a candidate of its own
    (an episode, a franchise, a misread run of capitals); with one series announced, those people are its people.
    """
    if len(chosen) != 1:
        return
    kept = chosen[0]
    for entity in candidates:
        if entity is not kept and entity not in chosen:
            kept.people.extend(entity.people)
