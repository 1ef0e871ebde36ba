"""A slate headline crediting each show to its maker ("X by Ann Vale, Y by Ben Cole"), and a first line too long
for a headline, whose end opens the body instead of being lost.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import found, titles

_SLATE_BODY = "The streamer ordered the dramas on Tuesday as it fills its schedule for next year."


def _makers(body: str, headline: str) -> dict[str | None, list[str]]:
    return {title: [person.name for person in facts.creators] for title, facts in found(body, headline).items()}


def test_each_show_of_a_by_slate_keeps_its_maker() -> None:
    assert _makers(_SLATE_BODY, "Peacock orders Harbor Watch by Mara Quell, Salt Years by Dev Ostrander") == {
        "Harbor Watch": ["Mara Quell"], "Salt Years": ["Dev Ostrander"]}


def test_a_title_case_by_slate_of_three_drops_the_headline_verb() -> None:
    headline = "Hulu Orders Harbor Watch by Tina Marsh, Salt Years by Dev Ostrander and Glass Orchard by Ines Varga"
    assert _makers(_SLATE_BODY, headline) == {
        "Harbor Watch": ["Tina Marsh"], "Salt Years": ["Dev Ostrander"], "Glass Orchard": ["Ines Varga"]}


def test_a_single_work_by_its_author_is_no_slate() -> None:
    assert titles("The book sold well in its first week.", "Novel Harbor Watch by Tina Marsh tops charts") == []


def test_the_end_of_an_overlong_first_line_is_still_read() -> None:
    middle = "The streamer said the new run would widen the story across several coastal towns, with new faces. " * 4
    first_line = ("Netflix has renewed the drama Harbor Watch for a third season. " + middle
                  + "Creator Tina Marsh returns as showrunner.")
    assert len(first_line) > 400
    facts = found("The third season is expected next year.", first_line)["Harbor Watch"]
    assert facts.status == "renewed"
    assert "Tina Marsh" in [person.name for person in facts.creators]
