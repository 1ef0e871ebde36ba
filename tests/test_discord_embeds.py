"""Discord embeds: content, escaping, and limits that no announcement can break."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.discord.embeds import DEFAULT_COLOUR, PLATFORM_COLOURS, announcement_embed, fit, series_embed
from bot.discord.render import render
from bot.discord.text import clip, escape, join_clipped, neutralise, utf16_len
from bot.lookup import Hit
from bot.model import Announcement, CastMember, Credit, Event, Kind, Series, Status
from bot.replies import Choices, FeedList, FeedRow, Message, NewsList, Preview, SeriesCard, SeriesList

PUBLISHED = datetime(2025, 2, 1, 9, 30, tzinfo=UTC)
LIVE_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d", re.IGNORECASE)


def bakery(**changes: Any) -> Series:
    values: dict[str, Any] = dict(
        title="Moonlit Bakery", id=7, platforms=("Netflix",), kind=Kind.DRAMA, status=Status.PREMIERE_DATE,
        premiere_date=date(2025, 3, 14), cast=(CastMember("Kim Seo Yeon", "Han Da-in"), CastMember("Lee Jun Ho")),
        creators=(Credit("Park Ji-eun", "writer"),), countries=("South Korea",), genres=("romance", "comedy"),
        synopsis="A pastry chef and a night-shift baker fall for each other.", image="https://img.test/bakery.jpg")
    values.update(changes)
    return Series(**values)


def news(series: Series | None = None, **changes: Any) -> Announcement:
    values: dict[str, Any] = dict(
        series=series or bakery(), event=Event.NEW, headline="Netflix Orders Drama Series “Moonlit Bakery”",
        source_url="https://news.test/moonlit-bakery", source_name="Soompi", published=PUBLISHED,
        summary="Netflix has ordered a romantic comedy.")
    values.update(changes)
    return Announcement(**values)


def fields(embed_dict: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed_dict.get("fields", [])}


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def assert_within_limits(data: dict[str, Any]) -> None:
    n = utf16_len
    assert n(data.get("title", "")) <= 256
    assert n(data.get("description", "")) <= 4096
    assert n(data.get("footer", {}).get("text", "")) <= 2048
    assert n(data.get("author", {}).get("name", "")) <= 256
    assert len(data.get("fields", [])) <= 25
    for field in data.get("fields", []):
        assert 0 < n(field["name"]) <= 256 and field["name"].strip()
        assert 0 < n(field["value"]) <= 1024 and field["value"].strip()
    total = sum(n(data.get(k, "")) for k in ("title", "description"))
    total += n(data.get("footer", {}).get("text", "")) + n(data.get("author", {}).get("name", ""))
    total += sum(n(f["name"]) + n(f["value"]) for f in data.get("fields", []))
    assert total <= 6000


def test_new_series_card_has_every_fact() -> None:
    data = announcement_embed(news()).to_dict()
    assert data["title"] == "Moonlit Bakery"
    assert data["url"] == "https://news.test/moonlit-bakery"
    assert data["color"] == PLATFORM_COLOURS["netflix"]
    assert data["author"]["name"] == "New series"
    assert data["description"] == "A pastry chef and a night-shift baker fall for each other."
    got = fields(data)
    assert got["Platform"] == "Netflix" and got["Status"] == "Premiere date set"
    assert got["Premiere"] == "<t:1741953600:D>"  # 14 March 2025, noon UTC
    assert got["Cast"] == "Kim Seo Yeon as Han Da-in, Lee Jun Ho"
    assert got["Created by"] == "Park Ji-eun (writer)"
    assert got["Countries & genre"] == "South Korea · romance, comedy · drama"
    assert data["image"]["url"] == "https://img.test/bakery.jpg"
    assert data["footer"]["text"] == "Soompi"
    assert data["timestamp"] == PUBLISHED.isoformat()


def test_update_shows_what_changed_first() -> None:
    data = announcement_embed(news(event=Event.UPDATE, changes=("Premiere date set: 14 March 2025",))).to_dict()
    assert data["author"]["name"] == "Series update"
    assert data["description"].startswith("**Premiere date set: 14 March 2025**\n\nA pastry chef")


def test_a_later_season_heard_of_first_says_its_season_not_new_series() -> None:
    series = bakery(season=4, status=Status.ANNOUNCED, premiere_date=None)
    data = announcement_embed(news(series, headline="Moonlit Bakery Season 4 Casts Two")).to_dict()
    assert data["author"]["name"] == "Season 4 · Announced"
    assert fields(data)["Season"] == "4"
    update = announcement_embed(news(series, event=Event.UPDATE, changes=("Season 4 announced",))).to_dict()
    assert update["author"]["name"] == "Series update"
    assert update["description"].startswith("**Season 4 announced**")
    assert fields(series_embed(series).to_dict())["Season"] == "4"


def test_a_first_season_or_none_reads_as_a_new_series() -> None:
    assert announcement_embed(news(bakery(season=1))).to_dict()["author"]["name"] == "New series"
    assert "Season" not in fields(announcement_embed(news()).to_dict())


def test_unknown_platform_and_text_premiere() -> None:
    series = bakery(platforms=("Obscure Stream",), premiere_date=None, premiere_text="later this year",
                    synopsis=None, image=None)
    data = announcement_embed(news(series, source_url="javascript:alert(1)", image=None)).to_dict()
    assert data["color"] == DEFAULT_COLOUR
    assert fields(data)["Premiere"] == "later this year"
    assert data["description"] == "Netflix has ordered a romantic comedy."
    assert "url" not in data and "image" not in data


def test_feed_text_is_shown_literally_and_pings_nobody() -> None:
    series = bakery(title="**Bold** @everyone", synopsis="Hi @here <@123456789012345678> and <@&98765432109876543> _x_",
                    cast=(CastMember("@everyone", "<@!1234567890123456789>"),))
    data = announcement_embed(news(series)).to_dict()
    assert data["title"] == "\\*\\*Bold\\*\\* @\u200beveryone"
    assert "\\_x\\_" in data["description"]
    for text in strings(data):
        assert not LIVE_MENTION.search(text), text


def test_huge_cast_is_cut_tidily() -> None:
    cast = tuple(CastMember(f"Actor Number {i}", f"Role {i}") for i in range(500))
    data = announcement_embed(news(bakery(cast=cast, synopsis="x " * 6000))).to_dict()
    assert_within_limits(data)
    assert re.search(r"and \d+ more$", fields(data)["Cast"])
    assert data["description"].endswith("…")


def test_fit_trims_an_oversized_embed() -> None:
    import discord

    embed = discord.Embed(title="t" * 400, description="d" * 5000)
    embed.set_footer(text="f" * 3000)
    embed.set_author(name="a" * 300)
    for i in range(30):
        embed.add_field(name=f"n{i}" * 200, value="v" * 2000)
    embed.add_field(name="   ", value="empty names are dropped")
    assert_within_limits(fit(embed).to_dict())


def test_text_helpers() -> None:
    assert clip("one two three", 9) == "one two…"
    assert clip("😀" * 10, 5) == "😀😀…"  # surrogate pairs are never split
    assert utf16_len(clip("😀" * 10, 5)) <= 5
    assert neutralise(neutralise("@everyone <@1>")) == "@\u200beveryone <@\u200b1>"
    assert escape("a\u202eb\x00c\u2066d") == "abcd"
    assert join_clipped(["aaaa", "bbbb", "cccc"], 16) == "aaaa, and 2 more"


def test_render_every_reply_type() -> None:
    card = render(SeriesCard(bakery(), (news(),)))
    card_fields = fields(card.embeds[0].to_dict())
    assert "[Netflix Orders Drama Series “Moonlit Bakery”](https://news.test/moonlit-bakery)" in card_fields[
        "Latest news"]
    choices = render(Choices("No exact match for “Sole Mate”. Did you mean:", (Hit(1, "Soul Mate", 88.0),)))
    assert choices.ephemeral and "Soul Mate" in (choices.embeds[0].description or "")
    upcoming = render(SeriesList("Premieres in the next 30 days", (bakery(),)))
    assert "<t:1741953600:D> — **Moonlit Bakery** (Netflix)" in (upcoming.embeds[0].description or "")
    empty = render(NewsList("Latest series news", (), "No announcements yet."))
    assert empty.embeds[0].description == "No announcements yet."
    refused = render(Message("Only admins. @everyone", ok=False))
    assert refused.ephemeral and refused.content == "⚠️ Only admins. @\u200beveryone"
    row = FeedRow(3, "https://feed.test/rss", "K-drama news", "ok", ("<#111000000000000010>",), "everything", None,
                  PUBLISHED, 12)
    feeds = render(FeedList((row,) * 40)).embeds[0].to_dict()
    assert feeds["title"] == "Feeds (40)" and len(feeds["fields"]) == 25
    assert "<#111000000000000010>" in feeds["fields"][0]["value"]
    preview = render(Preview("K-drama news", "https://feed.test/rss", 30, (news(),) * 20, ("Looked at 10",)))
    assert preview.ephemeral and len(preview.embeds) == 10 and preview.content == "…and 11 more not shown."
    assert sum(len(str(e.to_dict())) for e in preview.embeds) < 20000


HOSTILE = st.sampled_from(["@everyone", "@here", "<@123456789012345678>", "<@&123456789012345678>",
                           "<@!123456789012345678>", "@EVERYONE", "\u202e", "\x00", "**", "`", "[x](http://e.st)",
                           "😀", "\u0301", "\\", "@", "<@", "\ud7ff", "\U0010fffd", "\n", "> "])
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=40)), max_size=12).map("".join)
LONG = st.one_of(TEXT, st.builds(lambda part, times: part * times, TEXT.filter(bool), st.integers(1, 3000)))
PEOPLE = st.lists(st.builds(CastMember, LONG, st.none() | TEXT), max_size=300)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=LONG, synopsis=st.none() | LONG, summary=LONG, headline=LONG, cast=PEOPLE, source=st.none() | LONG,
       platforms=st.lists(TEXT, max_size=30), genres=st.lists(LONG, max_size=10), premiere_text=st.none() | LONG,
       changes=st.lists(LONG, max_size=20), url=st.none() | TEXT)
def test_no_announcement_breaks_limits_or_pings(
        title: str, synopsis: str | None, summary: str, headline: str, cast: list[CastMember], source: str | None,
        platforms: list[str], genres: list[str], premiere_text: str | None, changes: list[str],
        url: str | None) -> None:
    series = Series(title=title, platforms=tuple(platforms), cast=tuple(cast), genres=tuple(genres),
                    countries=tuple(genres), premiere_text=premiere_text, synopsis=synopsis, based_on=headline,
                    creators=tuple(Credit(m.name, m.role or "") for m in cast[:50]))
    announcement = Announcement(series=series, event=Event.UPDATE, headline=headline, summary=summary,
                                source_name=source, source_url=url, changes=tuple(changes))
    for data in (announcement_embed(announcement).to_dict(), series_embed(series, [announcement] * 3).to_dict()):
        assert_within_limits(data)
        for text in strings(data):
            assert not LIVE_MENTION.search(text), text
