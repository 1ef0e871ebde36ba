"""Discord shows what enrichment found: the real discord.py client against the fake Discord and a fake TVmaze."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from rich.console import Console

from bot.app import Services, bootstrap, start_adapter
from bot.config import EnrichSettings
from bot.destinations import Platform
from bot.model import SeriesFacts, Status
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.tvmaze_api import FakeTvMaze, show
from tests.test_discord_e2e import CHANNEL, GUILD, MEMBER, discord_settings, learn, soul_mate, subscribe

pytest_plugins = ("tests.test_discord_e2e",)  # its fake Discord fixture

SOUL_MATE_SHOW = show(31, "Soul Mate", language="Korean", network=("tvN", "KR"), imdb="tt9300031", thetvdb=930031,
                      cast=(("Kim Seo-yeon", "Yoon Seo-ah"),), summary="<p>Two <b>strangers</b>.</p>",
                      genres=("Drama", "Romance"))


@pytest.fixture
async def enriched(tmp_path: Path, fake: FakeDiscord) -> AsyncIterator[tuple[Services, FakeTvMaze]]:
    async with FakeTvMaze() as tvmaze:
        tvmaze.add(SOUL_MATE_SHOW, show(77, "Harbour Lights", network=("BBC One", "GB"), premiered="2027-01-10",
                                        imdb="tt9300077"))
        base = discord_settings(tmp_path / "bot.db", fake)
        enrich = EnrichSettings(tvmaze=True, tvmaze_api_base=tvmaze.base, timeout=2.0)
        settings = base.model_copy(update={"file": base.file.model_copy(update={"enrich": enrich})})
        async with bootstrap(settings, console=Console(file=io.StringIO())) as services:
            stop = await start_adapter(services, Platform.DISCORD, guild_ready_timeout=0.05)
            try:
                yield services, tvmaze
            finally:
                await stop()


async def test_series_shows_the_poster_network_and_ids_and_later_cards_the_poster(
        enriched: tuple[Services, FakeTvMaze], fake: FakeDiscord) -> None:
    services, _tvmaze = enriched
    assert services.enricher is not None
    feed_id, _ = await subscribe(services)
    await learn(services, feed_id, soul_mate(), "Netflix Confirms “Soul Mate”", "soul-mate")
    # learn() went through the pipeline, whose listeners (as bot.app registers them) queued the enrichment.
    (record,) = await services.enricher.drain()
    assert record.state == "matched"

    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": "Soul Mate"})
    (embed,) = (await fake.wait_callback(inter))["data"]["embeds"]
    assert embed["thumbnail"]["url"] == SOUL_MATE_SHOW["image"]["medium"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Network"] == "tvN"  # the news named Netflix; TVmaze adds the broadcaster
    assert "[TVmaze](https://www.tvmaze.com/shows/31/soul-mate)" in fields["Links"]
    assert "[IMDb](https://www.imdb.com/title/tt9300031/)" in fields["Links"]
    assert "[TheTVDB](https://thetvdb.com/dereferrer/series/930031)" in fields["Links"]
    assert fields["Status"] == "Announced · TVmaze: In Development"

    later = SeriesFacts(title="Soul Mate", platform="Netflix", status=Status.TRAILER)
    await learn(services, feed_id, later, "“Soul Mate” Drops a Trailer", "soul-mate-trailer")
    await services.dispatcher.drain()
    cards = [body["embeds"][0] for body in fake.messages(CHANNEL)]
    assert cards[-1]["title"] == "Soul Mate" and cards[-1]["thumbnail"]["url"] == SOUL_MATE_SHOW["image"]["medium"]
    assert "[TVmaze](" in {f["name"]: f["value"] for f in cards[-1]["fields"]}["Links"]


async def test_a_title_not_in_the_news_is_answered_from_tvmaze(enriched: tuple[Services, FakeTvMaze],
                                                             fake: FakeDiscord) -> None:
    _services, tvmaze = enriched
    inter = await fake.slash_command(GUILD, CHANNEL, MEMBER, "series", {"title": "Harbour Lights"})
    body = await fake.wait_callback(inter)
    if body["type"] == 5:  # deferred: the answer comes as a follow-up
        body = {"data": await fake.wait_followup(inter)}
    assert body["data"]["content"] == "Not in the news yet. TVmaze: Harbour Lights (2027, BBC One)"
    (embed,) = body["data"]["embeds"]
    assert embed["thumbnail"]["url"].endswith("/77.jpg") and embed["footer"]["text"] == "From TVmaze, not from the news"
    assert "[IMDb](https://www.imdb.com/title/tt9300077/)" in {f["name"]: f["value"] for f in embed["fields"]}["Links"]
    assert tvmaze.calls("/search/shows")

    searches = len(tvmaze.calls("/search/shows"))
    inter = await fake.autocomplete(GUILD, CHANNEL, MEMBER, "series", {"title": "Harb"}, focused="title")
    assert (await fake.wait_callback(inter))["data"]["choices"] == []
    assert len(tvmaze.calls("/search/shows")) == searches  # autocomplete stays local
