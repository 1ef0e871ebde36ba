"""A short item about a series the knowledge base already knows posts an update, end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from tests.fakes.feed_server import FeedServer, rss
from tests.test_pipeline import add, poll

SEED = (Path(__file__).parent / "data" / "articles" / "001-seed-soul-mate.txt").read_text(encoding="utf-8")
SEED_HEADLINE, SEED_BODY = SEED.split("\n", 1)
SEED_ITEM = {"title": SEED_HEADLINE.strip(), "guid": "seed", "link": "https://news.test/soul-mate",
             "pubDate": "Mon, 20 May 2024 09:00:00 +0000", "description": SEED_BODY.strip()}
DATE_ITEM = {"title": "‘Soul Mate’ sets March 9 premiere on Netflix", "guid": "date",
             "link": "https://news.test/soul-mate-date", "pubDate": "Tue, 03 Nov 2026 09:00:00 +0000",
             "description": "Netflix announced that ‘Soul Mate’, starring Isomura Hayato and Ok Taec-yeon, "
                            "premieres on March 9, 2027."}


async def test_a_two_line_premiere_item_updates_a_known_series(
        services: Any, feed_server: FeedServer, console: Console) -> None:
    url = feed_server.set("/feed", rss([SEED_ITEM]))
    await add(services, url)
    first = await poll(services)
    assert first.new_entries == 1 and first.deliveries == 0
    known = (await services.commands.series("Soul Mate")).series
    assert known.title == "Soul Mate" and known.premiere_date is None

    feed_server.set("/feed", rss([DATE_ITEM, SEED_ITEM]))
    second = await poll(services)
    assert (second.new_entries, second.announcements, second.deliveries) == (1, 1, 1)
    learnt = (await services.commands.series("Soul Mate")).series
    assert learnt.premiere_date == date(2027, 3, 9)
    printed = console.export_text()
    assert "UPDATE: Soul Mate" in printed and "NEW SERIES" not in printed
    assert "9 March 2027" in printed
