"""`seriesbot enrich` run as a real subprocess against the fake TVmaze, on a store the news taught two series."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fakes.feed_server import FeedServer, rss
from tests.fakes.tvmaze_api import FakeTvMaze, show
from tests.test_cli import acli, config_file
from tests.test_pipeline import ORDER, SECOND

pytestmark = pytest.mark.slow  # each test runs the CLI several times as a subprocess: `make check` skips them


@pytest.fixture
async def tvmaze() -> AsyncIterator[FakeTvMaze]:
    async with FakeTvMaze() as fake:
        fake.add(show(101, "Moonlit Bakery", language="Korean", web_channel="Netflix", imdb="tt9100001",
                      cast=(("Kim Seo-yeon", "Baker"),), summary="<p>A baker &amp; a <b>ghost</b>.</p>"),
                 # Nothing tells these two apart from the news about "The Quiet Orchard": they must be refused.
                 show(201, "The Quiet Orchard", network=("HBO", "US")),
                 show(202, "The Quiet Orchard", network=("HBO", "US")),
                 show(301, "Bakery Wars", network=("Food Network", "US"), premiered="2011-05-01"))
        yield fake


def enrich_config(tmp_path: Path, name: str, enrich: str) -> Path:
    """Write a config on the shared test store whose [enrich] section says `enrich`."""
    path = tmp_path / name
    path.write_text(config_file(tmp_path).read_text(encoding="utf-8").replace("tvmaze = false", enrich),
                    encoding="utf-8")
    return path


async def learnt(tmp_path: Path, feed_server: FeedServer, tvmaze: FakeTvMaze) -> Path:
    """Teach the store two series through the normal poll, and return a config with enrichment on the fake.

    The poll runs with enrichment off (it would look the new series up before exiting): the store is as the news
    left it.
    """
    config = enrich_config(tmp_path, "enrich.toml", f'tvmaze = true\ntvmaze_api_base = "{tvmaze.base}"')
    news_only = config_file(tmp_path)
    url = feed_server.set("/feed", rss([ORDER, SECOND]))
    assert (await acli("feeds", "add", url, config=news_only)).returncode == 0
    polled = await acli("poll", "--once", config=news_only)
    assert polled.returncode == 0 and "new entries: 2" in polled.stdout, polled.stdout + polled.stderr
    return config


async def listing_of(title: str, config: Path) -> dict[str, object] | None:
    found = await acli("series", title, "--json", config=config)
    assert found.returncode == 0, found.stdout + found.stderr
    listing = json.loads(found.stdout)["listing"]
    assert listing is None or isinstance(listing, dict)
    return listing


async def test_enrich_prints_a_match_with_its_score_and_refuses_an_ambiguous_one(
        tmp_path: Path, feed_server: FeedServer, tvmaze: FakeTvMaze) -> None:
    config = await learnt(tmp_path, feed_server, tvmaze)

    matched = await acli("enrich", "Moonlit Bakery", config=config)
    assert matched.returncode == 0, matched.stdout + matched.stderr
    listing = await listing_of("Moonlit Bakery", config)
    assert listing is not None and listing["ids"] == {"tvmaze": 101, "tmdb": None, "imdb": "tt9100001",
                                                      "thetvdb": None}
    score = listing["score"]
    assert isinstance(score, float)
    row, evidence, _ = matched.stdout.splitlines()
    assert row == f"#1 Moonlit Bakery — matched, score {score:.2f}: Moonlit Bakery (Netflix) [tvmaze 101, tt9100001]"
    assert evidence.startswith("    evidence: TVmaze: title = Moonlit Bakery; platform Netflix")
    assert "people Kim Seo-yeon" in evidence
    assert "matched: 1, ambiguous: 0, no match: 0, error: 0" in matched.stdout

    refused = await acli("enrich", "The Quiet Orchard", config=config)
    assert refused.returncode == 0, refused.stdout + refused.stderr
    row, reason, _ = refused.stdout.splitlines()
    # Both candidates are named, and neither is taken.
    assert row.startswith("#2 The Quiet Orchard — ambiguous (refused), best ")
    assert "TVmaze #201 The Quiet Orchard" in row and "TVmaze #202 The Quiet Orchard" in row
    assert reason.endswith("are too close to choose")
    assert "matched: 0, ambiguous: 1, no match: 0, error: 0" in refused.stdout
    assert await listing_of("The Quiet Orchard", config) is None

    card, unknown = await asyncio.gather(acli("series", "Moonlit Bakery", config=config),
                                         acli("series", "Bakery Wars", config=config))
    assert card.returncode == 0 and "https://static.tvmaze.com/uploads/images/medium_portrait/1/101.jpg" in card.stdout
    assert "TVmaze: https://www.tvmaze.com/shows/101/moonlit-bakery" in card.stdout
    assert "IMDb: https://www.imdb.com/title/tt9100001/" in card.stdout
    assert "A baker & a ghost. (TVmaze)" in card.stdout  # the news gave no synopsis: the database's, attributed
    assert unknown.returncode == 0 and "Not in the news yet. TVmaze: Bakery Wars (2011, Food Network)" in unknown.stdout
    assert "2011 · Food Network · In Development" in unknown.stdout


async def test_enrich_all_enriches_every_series(tmp_path: Path, feed_server: FeedServer,
                                                tvmaze: FakeTvMaze) -> None:
    config = await learnt(tmp_path, feed_server, tvmaze)
    assert tvmaze.requests == []
    everything = await acli("enrich", "--all", config=config)
    assert everything.returncode == 0, everything.stdout + everything.stderr
    searched = {seen.query["q"][0] for seen in tvmaze.calls("/search/shows")}
    assert searched == {"Moonlit Bakery", "The Quiet Orchard"}
    assert "#1 Moonlit Bakery" in everything.stdout and "#2 The Quiet Orchard" in everything.stdout
    assert "matched: 1, ambiguous: 1, no match: 0, error: 0" in everything.stdout
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert everything.stdout in readme, "README's `seriesbot enrich` example no longer matches what it prints"
    listing = await listing_of("Moonlit Bakery", config)
    assert listing is not None and listing["source"] == "tvmaze"

    # Forced: a second run asks TVmaze again although the matches are fresh.
    before = len(tvmaze.calls("/search/shows"))
    again = await acli("enrich", "--all", config=config)
    assert again.returncode == 0 and len(tvmaze.calls("/search/shows")) == before + 2


async def test_enrich_says_clearly_what_it_cannot_do(tmp_path: Path, feed_server: FeedServer,
                                                    tvmaze: FakeTvMaze) -> None:
    config = await learnt(tmp_path, feed_server, tvmaze)
    off = enrich_config(tmp_path, "off.toml", "tvmaze = false")
    closed = enrich_config(tmp_path, "closed.toml", 'tvmaze = true\ntvmaze_api_base = "http://127.0.0.1:9"')
    unknown, listed, near, by_id, neither, both, blank, switched_off = await asyncio.gather(
        acli("enrich", "Zzz Nothing Like It", config=config), acli("enrich", "Bakery Wars", config=config),
        acli("enrich", "Quiet", config=config), acli("enrich", "#99", config=config),
        acli("enrich", config=config), acli("enrich", "--all", "Moonlit Bakery", config=config),
        acli("enrich", "  ", config=config), acli("enrich", "--all", config=off))

    assert unknown.returncode == 1
    assert "“Zzz Nothing Like It” is not in the knowledge base: nothing to enrich" in unknown.stdout
    # TVmaze knows it, so the answer says so, but there is no series of ours to enrich.
    assert listed.returncode == 1 and "“Bakery Wars” is not in the knowledge base" in listed.stdout
    assert "TVmaze lists" in listed.stdout and "https://www.tvmaze.com/shows/301/bakery-wars" in listed.stdout
    assert near.returncode == 1 and "Did you mean: “The Quiet Orchard”?" in near.stdout
    assert by_id.returncode == 1 and "no series #99" in by_id.stdout

    assert neither.returncode == 2 and "one of the arguments --all TITLE is required" in neither.stderr
    assert "(--all | TITLE)" in neither.stderr  # the form README shows
    assert both.returncode == 2 and "argument TITLE: not allowed with argument --all" in both.stderr
    assert blank.returncode == 2 and "Give a title to enrich, or --all." in blank.stdout
    assert switched_off.returncode == 2 and "Enrichment is off" in switched_off.stdout
    assert {seen.path for seen in tvmaze.requests} == {"/search/shows"}  # the two lookups of unknown titles
    assert await listing_of("Moonlit Bakery", config) is None  # nothing was enriched on the way

    async with FakeTvMaze() as empty:
        nothing = await acli("enrich", "Moonlit Bakery", config=enrich_config(
            tmp_path, "empty.toml", f'tvmaze = true\ntvmaze_api_base = "{empty.base}"'))
    assert nothing.returncode == 0, nothing.stdout + nothing.stderr
    assert nothing.stdout.startswith("#1 Moonlit Bakery — no match\n    TVmaze: nothing found\n")
    assert "matched: 0, ambiguous: 0, no match: 1, error: 0" in nothing.stdout

    failing = await acli("enrich", "Moonlit Bakery", config=closed)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert failing.stdout.startswith("#1 Moonlit Bakery — error\n    TVmaze could not be reached")
    assert "matched: 0, ambiguous: 0, no match: 0, error: 1" in failing.stdout
