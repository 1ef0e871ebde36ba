"""Slack shows what enrichment found: the real bolt app against the fake Slack and a fake TVmaze."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapter import Adapter
from bot.app import Services
from bot.config import EnrichSettings, Settings
from tests.fakes.slack_api import FakeSlack
from tests.fakes.tvmaze_api import FakeTvMaze, show
from tests.test_slack_e2e import SOUL_MATE, learn, slack_settings, slash, subscribe

pytest_plugins = ("tests.test_slack_e2e",)  # its fake Slack and runtime fixtures
pytestmark = pytest.mark.timeout(15)

SOUL_MATE_SHOW = show(31, "Soul Mate", language="Korean", network=("tvN", "KR"), imdb="tt9300031",
                      cast=(("Kim Seo Yeon", "Han Yu Ri"),), summary="<p>Two <b>strangers</b>.</p>")


@pytest.fixture
async def tvmaze() -> AsyncIterator[FakeTvMaze]:
    async with FakeTvMaze() as fake:
        fake.add(SOUL_MATE_SHOW, show(77, "Harbour Lights", network=("BBC One", "GB"), premiered="2027-01-10"))
        yield fake


@pytest.fixture
def settings(tmp_path: Path, fake: FakeSlack, tvmaze: FakeTvMaze) -> Settings:
    base = slack_settings(tmp_path, fake)
    enrich = EnrichSettings(tvmaze=True, tvmaze_api_base=tvmaze.base, timeout=2.0)
    return base.model_copy(update={"file": base.file.model_copy(update={"enrich": enrich})})


async def test_series_card_shows_the_poster_and_ids(services: Services, runtime: Adapter, fake: FakeSlack,
                                                    tvmaze: FakeTvMaze) -> None:
    result = await learn(services, await subscribe(services, url="https://other.test/feed.xml"),
                         ("Netflix orders Soul Mate", SOUL_MATE))
    # learn() went through the pipeline, whose listeners (as bot.app registers them) queued the enrichment.
    assert result.entries == 1 and services.enricher is not None
    (record,) = await services.enricher.drain()
    assert record.state == "matched"

    assert await slash(runtime, fake, "/series", "Soul Mate", "series-1") == 200
    reply = await fake.wait_response("series-1")
    card = reply["blocks"][1]
    assert card["accessory"] == {"type": "image", "image_url": SOUL_MATE_SHOW["image"]["medium"],
                                 "alt_text": "Soul Mate"}
    assert "*Network*\ntvN" in [field["text"] for field in card["fields"]]
    links = reply["blocks"][2]["elements"][0]["text"]
    assert "<https://www.tvmaze.com/shows/31/soul-mate|TVmaze>" in links
    assert "<https://www.imdb.com/title/tt9300031/|IMDb>" in links
    assert card["text"]["text"] == "Two strangers."


async def test_a_title_not_in_the_news_is_answered_from_tvmaze(runtime: Adapter, fake: FakeSlack) -> None:
    assert await slash(runtime, fake, "/series", "Harbour Lights", "series-2") == 200
    reply = await fake.wait_response("series-2")
    assert reply["blocks"][0]["text"]["text"] == "Not in the news yet. TVmaze: Harbour Lights (2027, BBC One)"
    header, body, links = reply["blocks"][2:5]
    assert header["text"]["text"] == "Harbour Lights"
    assert body["accessory"]["image_url"].endswith("/77.jpg")
    assert "<https://www.tvmaze.com/shows/77/harbour-lights|TVmaze>" in links["elements"][0]["text"]
