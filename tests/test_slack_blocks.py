"""Block Kit rendering: content, escaping and Slack's limits under arbitrary input."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.lookup import Hit
from bot.model import Announcement, CastMember, Credit, Event, Kind, Series, Status
from bot.replies import Choices, FeedList, FeedRow, Message, NewsList, Preview, Reply, SeriesCard, SeriesList
from bot.slack.blocks import announcement_blocks, notice_blocks
from bot.slack.render import render_reply
from bot.slack.text import join_limited, shorten

ALLOWED_TOKENS = re.compile(
    r"<!date\^-?\d+\^\{date_(?:long|short|short_pretty)\}(?: \{time\})?\|[^<>]*>"
    r"|<!subteam\^S[A-Z0-9]+>"
    r"|<#[CGD][A-Z0-9]+>"
    r"|<https?://[^<>|\s]+\|[^<>]*>"
)
HOSTILE = ["<!channel>", "<!here|here>", "<@U0ADMIN>", "<#C0GENERAL>", "<!subteam^S0MODS>", "&", "&amp;", "<", ">",
           "\u202e", "\u2066", "\x00", "\x1b[31m", "\u200f", "👩‍👩‍👧", "e\u0301", "*bold*", "`", "\n", "|",
           "<https://evil.test|click>", "x" * 400, "word " * 200]
hostile_text = st.lists(st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE)), max_size=12).map("".join)
names = st.lists(hostile_text, max_size=6).map(tuple)
urls = st.one_of(st.none(), st.sampled_from(["https://img.test/a.jpg", "http://x.test/a b", "javascript:alert(1)",
                                              "https://x.test/?a=1&b=<2>", "https://x.test/" + "a" * 3500]),
                 hostile_text)
def series_with(cast_size: int) -> st.SearchStrategy[Series]:
    """Series with hostile text everywhere and up to cast_size cast members."""
    return st.builds(
        Series,
        title=st.one_of(st.none(), hostile_text),
        id=st.integers(1, 10**6),
        platforms=names,
        kind=st.one_of(st.none(), st.sampled_from(Kind)),
        status=st.sampled_from(Status),
        season=st.one_of(st.none(), st.integers(1, 10**9)),
        premiere_date=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2200, 12, 31))),
        premiere_text=st.one_of(st.none(), hostile_text),
        cast=st.lists(st.builds(CastMember, hostile_text, st.one_of(st.none(), hostile_text)),
                      max_size=cast_size).map(tuple),
        creators=st.lists(st.builds(Credit, hostile_text, hostile_text), max_size=cast_size // 2).map(tuple),
        countries=names,
        genres=names,
        based_on=st.one_of(st.none(), hostile_text),
        synopsis=st.one_of(st.none(), hostile_text),
        image=urls,
    )


def announcements_with(cast_size: int) -> st.SearchStrategy[Announcement]:
    """Announcements of series_with(cast_size)."""
    return st.builds(
        Announcement,
        series=series_with(cast_size),
        event=st.sampled_from(Event),
        headline=hostile_text,
        source_url=urls,
        source_name=st.one_of(st.none(), hostile_text),
        published=st.one_of(st.none(), st.datetimes(datetime(1950, 1, 1), datetime(2100, 1, 1),
                                                    timezones=st.just(UTC))),
        summary=hostile_text,
        image=urls,
        changes=names,
        id=st.integers(1, 10**6),
    )


def strings(value: Any) -> list[str]:
    """Every string in a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def assert_valid(text: str, blocks: list[dict[str, Any]]) -> None:
    """Check Slack's limits and that no markup from input survives unescaped."""
    json.dumps(blocks)
    assert 0 < len(blocks) <= 50
    assert 0 < len(text) <= 3000
    for block in blocks:
        if block["type"] == "header":
            assert 0 < len(block["text"]["text"]) <= 150
        if block["type"] == "section":
            assert "text" in block or block.get("fields")
            if "text" in block:
                assert 0 < len(block["text"]["text"]) <= 3000
            assert len(block.get("fields", [])) <= 10
            assert all(0 < len(item["text"]) <= 2000 for item in block.get("fields", []))
            accessory = block.get("accessory") or {}
            if accessory.get("type") == "image":
                assert re.match(r"^https?://\S+$", accessory["image_url"])
                assert len(accessory["image_url"]) <= 3000 and 0 < len(accessory["alt_text"]) <= 2000
        if block["type"] == "context":
            assert 0 < len(block["elements"]) <= 10
            assert all(0 < len(item["text"]) <= 3000 for item in block["elements"])
    for value in [text, *strings(blocks)]:
        rest = ALLOWED_TOKENS.sub("", value)
        assert "<" not in rest and ">" not in rest, value
        assert not re.search("[\x00-\x08\x0b-\x1f\u202a-\u202e\u2066-\u2069\u200e\u200f]", value)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(announcements_with(40), st.one_of(st.none(), st.sampled_from(["S0MODS", "<!channel>", "U0X", "S1 <!here>"])))
def test_any_announcement_fits_slack_limits_and_stays_text(item: Announcement, mention: str | None) -> None:
    rendered = announcement_blocks(item, mention=mention)

    assert_valid(rendered.text, rendered.blocks)
    assert "<!channel>" not in json.dumps(rendered.blocks)
    pings = re.findall(r"<!subteam\^[^>]*>", rendered.text + json.dumps(rendered.blocks))
    assert set(pings) <= ({"<!subteam^S0MODS>"} if mention == "S0MODS" else set())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(announcements_with(4), max_size=6), st.lists(series_with(4), max_size=8), hostile_text)
def test_any_reply_fits_slack_limits(items: list[Announcement], many: list[Series], text: str) -> None:
    rows = tuple(FeedRow(i, f"https://f.test/{i}", text, "ok", ("<#C0NEWS>", text), text, text or None,
                         datetime(2026, 1, 1, tzinfo=UTC), i) for i in range(len(items) * 10))
    replies: list[Reply] = [
        Message(text, ok=False), Message(text),
        SeriesCard(many[0] if many else Series(title=text), tuple(items)),
        Choices(text, tuple(Hit(i, text, 90.0) for i in range(len(many)))),
        SeriesList(text, tuple(many), text), NewsList(text, tuple(items), text), FeedList(rows),
        Preview(text, "https://f.test/feed", len(items), tuple(items), (text,)),
    ]
    for reply in replies:
        rendered = render_reply(reply)
        assert_valid(rendered.text, rendered.blocks)


MOONLIT = Series(title="Moonlit Bakery", id=7, platforms=("Netflix",), kind=Kind.COMEDY, status=Status.ANNOUNCED,
                 premiere_date=date(2025, 3, 14),
                 cast=(CastMember("Kim Seo Yeon", "Han Yu Ri"), CastMember("Lee Jun Ho")),
                 creators=(Credit("Park Ji Eun", "writer"),), image="https://img.test/moonlit.jpg")


def test_card_shows_the_facts_the_image_and_the_source() -> None:
    item = Announcement(MOONLIT, Event.NEW, "Netflix Orders “Moonlit Bakery” <!channel> & <@U1>",
                        source_url="https://news.test/a?x=1&y=2", source_name="Trade <News>",
                        published=datetime(2025, 1, 2, tzinfo=UTC), id=3)
    rendered = announcement_blocks(item)
    header, body, source = rendered.blocks

    assert header == {"type": "header", "text": {"type": "plain_text", "text": "Moonlit Bakery", "emoji": True}}
    assert "&lt;!channel&gt; &amp; &lt;@U1&gt;" in body["text"]["text"]
    fields = [field["text"] for field in body["fields"]]
    assert "*Platform*\nNetflix" in fields
    assert "*Premiere*\n<!date^1741953600^{date_long}|14 March 2025>" in fields
    assert "*Cast*\nKim Seo Yeon (Han Yu Ri), Lee Jun Ho" in fields
    assert "*Created by*\nPark Ji Eun (writer)" in fields
    assert body["accessory"]["image_url"] == "https://img.test/moonlit.jpg"
    assert source["elements"][0]["text"].startswith("Source: <https://news.test/a?x=1&amp;y=2|Trade &lt;News&gt;>")
    assert rendered.text == ("New series: Moonlit Bakery — Netflix Orders “Moonlit Bakery” "
                             "&lt;!channel&gt; &amp; &lt;@U1&gt;")


def test_update_lists_changes_and_mention_comes_first() -> None:
    item = Announcement(MOONLIT, Event.UPDATE, "Date set", changes=("premiere date: 14 March 2025",))
    rendered = announcement_blocks(item, mention="S0MODS", images=False)

    assert rendered.blocks[0]["text"]["text"] == "<!subteam^S0MODS>"
    assert rendered.text.startswith("<!subteam^S0MODS> Update: Moonlit Bakery")
    assert rendered.blocks[3]["text"]["text"] == "*What changed*\n• premiere date: 14 March 2025"
    assert all("accessory" not in block for block in rendered.blocks)
    assert announcement_blocks(item, mention="<!channel>").blocks[0]["type"] == "header"


def test_a_later_season_heard_of_first_says_its_season_not_new_series() -> None:
    series = replace(MOONLIT, season=4, status=Status.RENEWED, premiere_date=None)
    rendered = announcement_blocks(Announcement(series, Event.NEW, "Moonlit Bakery Renewed For Season 4"))
    body = rendered.blocks[1]
    assert body["text"]["text"].startswith("*Season 4 · Renewed* · Moonlit Bakery Renewed For Season 4")
    assert "*Status*\nSeason 4 · Renewed" in [field["text"] for field in body["fields"]]
    assert rendered.text.startswith("Season 4 · Renewed: Moonlit Bakery")
    update = announcement_blocks(Announcement(series, Event.UPDATE, "Renewed", changes=("Season 4 renewed",)))
    assert update.text.startswith("Update: Moonlit Bakery")
    assert "• Season 4 renewed" in update.blocks[2]["text"]["text"]


def test_a_card_without_a_season_shows_the_status_alone() -> None:
    rendered = announcement_blocks(Announcement(MOONLIT, Event.NEW, "x"))
    assert "*Status*\nAnnounced" in [field["text"] for field in rendered.blocks[1]["fields"]]


def test_huge_cast_is_cut_tidily() -> None:
    cast = tuple(CastMember(f"Actor Number {i}", f"Role {i}") for i in range(500))
    rendered = announcement_blocks(Announcement(Series(title="Big", cast=cast), Event.NEW, "x"))
    [cast_field] = [f["text"] for f in rendered.blocks[1]["fields"] if f["text"].startswith("*Cast*")]

    assert len(cast_field) <= 2000
    assert re.search(r"Actor Number \d+ \(Role \d+\) … \+\d+ more$", cast_field)


def test_shorten_never_splits_entities_or_tokens() -> None:
    assert shorten("a" * 10, 10) == "a" * 10
    assert shorten("abc &amp; def", 7) == "abc…"
    assert shorten("see <https://x.test|here> now", 20) == "see…"
    assert shorten("many small words here", 15) == "many small…"
    assert join_limited(["a" * 50] * 3, 60) == "a" * 50 + " … +2 more"


def test_replies_render_buttons_lists_and_channel_links() -> None:
    choices = render_reply(Choices("Did you mean:", (Hit(7, "Moonlit Bakery", 80.0), Hit(8, "Moon", 70.0))))
    buttons = [block["accessory"] for block in choices.blocks[1:]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("series_pick", "7"), ("series_pick", "8")]

    added = render_reply(Message("Added Feed <b>: new series will be posted to <#C0NEWS>."))
    assert added.blocks[0]["text"]["text"] == "Added Feed &lt;b&gt;: new series will be posted to <#C0NEWS>."
    refused = render_reply(Message("No", ok=False))
    assert refused.blocks[0]["text"]["text"] == ":warning: No"

    card = render_reply(SeriesCard(MOONLIT, (Announcement(MOONLIT, Event.NEW, "Ordered", "https://n.test/1"),)))
    assert card.blocks[0]["text"]["text"] == "Moonlit Bakery"
    assert card.blocks[-1]["text"]["text"] == "*Latest news*\n• <https://n.test/1|Ordered>"
    upcoming = render_reply(SeriesList("Premieres", (MOONLIT,)))
    line = "<!date^1741953600^{date_short}|14 March 2025> · *Moonlit Bakery* · Netflix"
    assert line in upcoming.blocks[0]["text"]["text"]
    assert render_reply(NewsList("Latest", (), "No announcements yet.")).blocks[0]["text"]["text"] \
        == "*Latest*\nNo announcements yet."
    assert "Add one with" in render_reply(FeedList(())).blocks[0]["text"]["text"]


def test_notice_is_a_plain_section() -> None:
    rendered = notice_blocks("The feed <X> was disabled; see <#C0NEWS>.")
    assert rendered.blocks == [{"type": "section", "text": {
        "type": "mrkdwn", "text": ":warning: The feed &lt;X&gt; was disabled; see <#C0NEWS>."}}]


def test_a_user_group_ping_does_not_push_a_long_fallback_over_slacks_limit() -> None:
    untitled = Series(title=None, cast=(CastMember("word " * 1200),))
    rendered = announcement_blocks(Announcement(untitled, Event.NEW, ""), mention="S0MODS")

    assert rendered.text.startswith("<!subteam^S0MODS> New series: Untitled series starring word")
    assert 2900 < len(rendered.text) <= 3000
    assert_valid(rendered.text, rendered.blocks)
