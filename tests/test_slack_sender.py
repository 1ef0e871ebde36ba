"""SlackSender against the fake Slack: outcomes, joins, re-sends, pacing and mentions."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import Services
from bot.destinations import Destination, Platform
from bot.model import Announcement, Event, Series
from bot.outbox import Failed, Gone, Retry, Sent
from bot.slack.sender import SlackSender
from bot.store.records import DeliveryJob
from tests.fakes.slack_api import DEFAULT_BOT_TOKEN, DEFAULT_TEAM_ID, FakeSlack

pytestmark = pytest.mark.timeout(10)
NEWS = "C0NEWS01"
CARD = Announcement(Series(title="Moonlit Bakery", id=1), Event.NEW, "Ordered", image="https://img.test/m.jpg", id=9)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        server.add_channel(NEWS, "news")
        yield server


@pytest.fixture
def sender(fake: FakeSlack, services: Services) -> SlackSender:
    client = AsyncWebClient(token=DEFAULT_BOT_TOKEN, base_url=fake.api_base)
    return SlackSender(client, services.store, interval=0.01)


def job(delivery_id: int = 1, *, channel: str = NEWS, attempts: int = 1, mention: str | None = None,
        notice: str | None = None) -> DeliveryJob:
    return DeliveryJob(delivery_id, Destination(Platform.SLACK, channel, DEFAULT_TEAM_ID),
                       None if notice else CARD, notice, mention, None, attempts)


async def test_posts_blocks_metadata_and_the_group_mention(sender: SlackSender, fake: FakeSlack) -> None:
    outcome = await sender.send(job(mention="S0MODS"))

    [message] = fake.messages(NEWS)
    assert outcome == Sent(message["ts"])
    assert message["text"].startswith("<!subteam^S0MODS> New series: Moonlit Bakery")
    assert message["blocks"][0]["text"]["text"] == "<!subteam^S0MODS>"
    assert message["metadata"] == {"event_type": "seriesbot_announcement",
                                   "event_payload": {"delivery_id": 1, "announcement_id": 9}}


async def test_a_notice_is_a_plain_section(sender: SlackSender, fake: FakeSlack) -> None:
    await sender.send(job(notice="The feed <b> was disabled."))

    [message] = fake.messages(NEWS)
    assert message["blocks"] == [{"type": "section", "text": {
        "type": "mrkdwn", "text": ":warning: The feed &lt;b&gt; was disabled."}}]
    assert message["metadata"]["event_type"] == "seriesbot_notice"


async def test_a_retried_delivery_already_posted_is_not_posted_again(sender: SlackSender, fake: FakeSlack) -> None:
    first = await sender.send(job(7))
    posts = len(fake.calls("chat.postMessage"))

    assert await sender.send(job(7, attempts=2)) == first
    assert len(fake.calls("chat.postMessage")) == posts
    assert fake.calls("conversations.history")[0].body["include_all_metadata"] in (True, "1", "true")
    assert isinstance(await sender.send(job(8, attempts=2)), Sent)
    assert len(fake.messages(NEWS)) == 2


async def test_not_in_channel_joins_once_then_posts(sender: SlackSender, fake: FakeSlack) -> None:
    fake.add_channel("C0OUTSIDE", "outside", member=False)
    assert isinstance(await sender.send(job(channel="C0OUTSIDE")), Sent)
    assert len(fake.calls("conversations.join")) == 1

    fake.add_channel("C0PRIVATE", "private", member=False)
    fake.fail_next("conversations.join", error="method_not_supported_for_channel_type")
    assert await sender.send(job(channel="C0PRIVATE")) == Gone("not_in_channel")


async def test_errors_become_outcomes(sender: SlackSender, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", error="msg_too_long")
    assert await sender.send(job(1)) == Failed("msg_too_long")
    fake.fail_next("chat.postMessage", status=503)
    assert isinstance(await sender.send(job(2)), Retry)
    fake.fail_next("chat.postMessage", count=2, error="invalid_blocks")
    assert await sender.send(job(3)) == Failed("invalid_blocks")
    assert "accessory" not in fake.calls("chat.postMessage")[-1].body["blocks"][1]

    fake.fail_next("chat.postMessage", status=429, retry_after=30)
    assert await sender.send(job(4)) == Retry("rate limited by Slack", after=30.0)
    calls = len(fake.calls("chat.postMessage"))
    held = await sender.send(job(5))
    assert isinstance(held, Retry) and held.after is not None and 29 < held.after <= 30
    assert len(fake.calls("chat.postMessage")) == calls
    sender.close()
    assert isinstance(await sender.send(job(6, channel="C0ELSE01")), Retry)


async def test_an_unfetchable_image_does_not_lose_the_card(sender: SlackSender, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", error="invalid_blocks")

    assert isinstance(await sender.send(job()), Sent)
    [message] = fake.messages(NEWS)
    assert all("accessory" not in block for block in message["blocks"])


async def test_posts_to_one_channel_are_paced(fake: FakeSlack, services: Services) -> None:
    client = AsyncWebClient(token=DEFAULT_BOT_TOKEN, base_url=fake.api_base)
    sender = SlackSender(client, services.store, interval=0.2)
    started = time.monotonic()
    for delivery_id in (1, 2, 3):
        await sender.send(job(delivery_id))
    assert time.monotonic() - started >= 0.4
