"""The cheap gate in front of extraction: plain text with no sign of series news skips the extractor."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract import extract
from bot.extract.article import read_text_file
from bot.model import Entry
from bot.normalise import may_announce, normalise

ARTICLES = sorted((Path(__file__).parent / "data" / "articles").glob("*.txt"))


@pytest.mark.parametrize(("headline", "text"), [
    ("Netflix Orders Drama", "A new project was ordered."),
    ("Quarterly update", "The company said “Moon Garden” beat expectations."),
    ("Quarterly update", "The company said 'Moon Garden' beat expectations."),
    ("Quarterly update", "It was renewed for another year."),
    ("Quarterly update", "新しいドラマが発表された。"),
    ("Quarterly update", "The results are now on Max."),
])
def test_any_sign_of_series_news_passes(headline: str, text: str) -> None:
    assert may_announce(headline, text)


def test_text_with_no_sign_of_series_news_is_not_read() -> None:
    headline = "Quarterly results beat expectations"
    text = "The company reported results that beat expectations thanks to growth in Asia. It's up again."
    assert not may_announce(headline, text)
    assert normalise(Entry("https://f.test/rss", "id", headline, summary=text)) == []


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_every_article_the_extractor_reads_a_series_from_passes_the_gate(path: Path) -> None:
    headline, text = read_text_file(path.read_text(encoding="utf-8"))
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    for headline_part, body in [(headline or "", text), *(("", part) for part in paragraphs)]:
        if extract(body, headline=headline_part or None):
            assert may_announce(headline_part, body), body[:200]
