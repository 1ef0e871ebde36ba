"""Patterns of real newsrooms checked against text outside the dev set: sentence-case headlines, order frames,
titles styled in capitals, characters versus actors, roles and credits given by surname.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.extract import extract
from bot.model import SeriesFacts, Status

PUBLISHED = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def found(body: str, headline: str | None = None) -> dict[str | None, SeriesFacts]:
    return {facts.title: facts for facts in extract(body, headline=headline, published=PUBLISHED)}


def test_a_sentence_case_headline_names_a_one_word_title_before_renewed() -> None:
    series = found("The drama stars Mira Okafor as a lighthouse keeper.", "Lanternfall renewed for season 2")
    assert set(series) == {"Lanternfall"}
    assert series["Lanternfall"].status is Status.RENEWED


def test_gave_a_title_an_order() -> None:
    body = ("Streaming is making its own bets. Hulu gave Lanternfall a two-season order in 2022, despite the "
            "series still waiting to stream. The show stars Mira Okafor as a lighthouse keeper.")
    series = found(body)
    assert set(series) == {"Lanternfall"}
    assert series["Lanternfall"].platform == "Hulu"


def test_a_title_styled_in_capitals_after_a_type_word() -> None:
    body = ("According to a trade report, Starz's stalker drama THEM, starring Corin Ashby, has received a second "
            "season order. The show is set to debut on Starz October 4.")
    assert set(found(body)) == {"THEM"}


def test_a_sentence_in_capitals_does_not_make_its_words_titles() -> None:
    assert "YOU" not in found("THE DRAMA YOU WANT IS HERE. Netflix renewed Lanternfall for a second season.")
