"""Title shapes and frames of real news writing: dated slots, question and ellipsis titles, follow-up sentences.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.extract import extract
from bot.model import SeriesFacts

PUBLISHED = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


def titles(body: str, headline: str | None = None, published: datetime | None = PUBLISHED) -> list[str | None]:
    found: list[SeriesFacts] = extract(body, headline=headline, published=published)
    return [facts.title for facts in found]


def test_a_drama_dated_in_the_year_of_writing_is_news_and_an_earlier_year_a_credit() -> None:
    body = ("Mika Sora will star in the new Tokai TV autumn 2026 drama \"Kaze ga fuku\" (The Wind Blows), which "
            "begins in October. The drama is based on a novel. Sora played a nurse in the 2021 drama \"Yoru no "
            "Umi\" before.")
    found = titles(body)
    assert "Kaze ga fuku" in found
    assert "Yoru no Umi" not in found


def test_without_a_publication_date_the_latest_year_named_dates_the_text() -> None:
    body = ("Friday, May 8, 2026\n\nRen Aoi to lead NHK's 2026 evening drama \"Hoshi no michi\".\n\n"
            "Aoi was cast in the drama after an audition. Filming will begin in June.")
    assert "Hoshi no michi" in titles(body, published=None)
