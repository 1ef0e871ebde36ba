"""Following a series on Slack: the real bolt app and AsyncWebClient against the fake Slack, loopback only."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.adapter import Adapter
from bot.app import Services, bootstrap, start_adapter
from bot.config import Settings
from bot.destinations import Platform
from bot.model import Status
from bot.store.follows import Member
from tests.fakes.slack_api import DEFAULT_TEAM_ID, FakeSlack, sign_request
from tests.test_slack_e2e import FORM, NEWS, SIGNING_SECRET, SOUL_MATE, learn, slack_settings, slash, subscribe, text_of

pytestmark = pytest.mark.timeout(20)
FAN, OTHER, ROBOT, GHOST = "U0FAN001", "U0OTHER1", "U0ROBOT1", "U0GHOST1"


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        server.add_channel(NEWS, "news")
        server.add_user(FAN, "fan")
        server.add_user(OTHER, "other")
        server.add_user(ROBOT, "robot", is_bot=True)
        yield server


@pytest.fixture
def settings(tmp_path: Path, fake: FakeSlack) -> Settings:
    return slack_settings(tmp_path, fake)


@pytest.fixture
async def runtime(services: Services) -> AsyncIterator[Adapter]:
    started = await start_adapter(services, Platform.SLACK)
    try:
        yield started
    finally:
        await started()


async def click(runtime: Adapter, fake: FakeSlack, user: str, value: str, reply_to: str) -> int:
    action = {"type": "block_actions", "user": {"id": user, "team_id": DEFAULT_TEAM_ID},
              "team": {"id": DEFAULT_TEAM_ID, "domain": "fake-team"}, "api_app_id": "A0FAKEAPP",
              "token": "fake-verification-token", "trigger_id": "1.2.3", "channel": {"id": NEWS},
              "container": {"type": "message", "is_ephemeral": False}, "response_url": fake.response_url(reply_to),
              "actions": [{"type": "button", "action_id": "series_follow", "block_id": f"follow-{value}",
                           "value": value, "action_ts": "1.2"}]}
    body = urlencode({"payload": json.dumps(action)})
    url = f"http://127.0.0.1:{runtime.port}/slack/events"
    async with aiohttp.ClientSession() as session, session.post(
            url, data=body.encode(), headers={**FORM, **sign_request(SIGNING_SECRET, body)}) as resp:
        return resp.status


async def dated(services: Services, feed_id: int, day: date) -> None:
    await learn(services, feed_id, (f"Soul Mate premieres {day:%B %d}",
                                    replace(SOUL_MATE, status=Status.PREMIERE_DATE, premiere_date=day)))


async def deliver(services: Services) -> int:
    queued = await services.follows.fan_out()
    await services.dispatcher.drain(within=5)
    return queued


def follow_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [element for block in message["blocks"] if block["type"] == "actions" for element in block["elements"]]


async def test_follow_by_command_and_by_button_after_a_restart_then_one_dm_each(
        settings: Settings, fake: FakeSlack) -> None:
    async with bootstrap(settings) as services:
        runtime = await start_adapter(services, Platform.SLACK)
        try:
            feed_id = await subscribe(services)
            await learn(services, feed_id, ("Netflix orders Soul Mate", SOUL_MATE))
            await services.dispatcher.drain(within=5)
            assert await slash(runtime, fake, "/follow", "Soul Mate", "followed", user=FAN) == 200
            reply = await fake.wait_response("followed")
        finally:
            await runtime()
    assert reply["response_type"] == "ephemeral" and "You now follow Soul Mate" in text_of(reply)
    [card] = fake.messages(NEWS)
    [button] = follow_buttons(card)
    assert button["action_id"] == "series_follow" and button["value"].isdigit()

    async with bootstrap(settings) as services:  # a restart: the button still carries all it needs
        runtime = await start_adapter(services, Platform.SLACK)
        try:
            assert await click(runtime, fake, OTHER, button["value"], "clicked") == 200
            clicked = await fake.wait_response("clicked")
            assert clicked["response_type"] == "ephemeral" and "You now follow Soul Mate" in text_of(clicked)

            await dated(services, feed_id, date(2027, 3, 14))
            assert await deliver(services) == 2
            assert await deliver(services) == 0
            for user in (FAN, OTHER):
                [dm] = fake.messages(fake.dm_channel(user))
                assert dm["metadata"]["event_type"] == "seriesbot_announcement"
                assert "which you follow" in dm["text"] and dm["blocks"][1]["text"]["text"] == "Soul Mate"
                assert follow_buttons(dm) == []
            assert [call.body["users"] for call in fake.calls("conversations.open")] == [FAN, OTHER]

            assert await slash(runtime, fake, "/following", "", "listed", user=FAN) == 200
            assert "Soul Mate" in text_of(await fake.wait_response("listed"))
            assert await slash(runtime, fake, "/unfollow", "Soul Mate", "unfollowed", user=FAN) == 200
            assert "You no longer follow Soul Mate" in text_of(await fake.wait_response("unfollowed"))
            await dated(services, feed_id, date(2027, 4, 2))
            assert await deliver(services) == 1
            assert len(fake.messages(fake.dm_channel(FAN))) == 1
            await dated(services, feed_id, date(2027, 4, 9))
            assert await deliver(services) == 1
            assert len(fake.messages(fake.dm_channel(OTHER))) == 3
            # The DM channel is opened once per member, then remembered.
            assert [call.body["users"] for call in fake.calls("conversations.open")] == [FAN, OTHER]
        finally:
            await runtime()


@pytest.mark.parametrize(("user", "error"), [(ROBOT, "cannot_dm_bot"), (GHOST, "user_not_found")])
async def test_a_refused_dm_marks_the_member_and_keeps_the_follow(services: Services, runtime: Adapter,
                                                                  fake: FakeSlack, user: str, error: str,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    feed_id = await subscribe(services)
    await learn(services, feed_id, ("Netflix orders Soul Mate", SOUL_MATE))
    for who, reply_to in ((user, "refuser"), (FAN, "fan")):
        assert await slash(runtime, fake, "/follow", "Soul Mate", reply_to, user=who) == 200
        await fake.wait_response(reply_to)

    await dated(services, feed_id, date(2027, 3, 14))
    assert await deliver(services) == 2
    member = Member(Platform.SLACK, user, DEFAULT_TEAM_ID)
    assert await services.follows.follows.refused(member)
    assert [s.title for s in await services.follows.follows.following(member)] == ["Soul Mate"]
    assert await services.store.delivery_counts() == {"sent": 3, "failed": 1}  # two cards, the fan's DM
    assert user in [call.body["users"] for call in fake.calls("conversations.open")]
    assert error in caplog.text

    await dated(services, feed_id, date(2027, 4, 2))
    assert await deliver(services) == 1  # only the fan: the refusing member is told nothing further
    assert len(fake.messages(fake.dm_channel(FAN))) == 2


async def test_a_remembered_dm_channel_that_disappeared_is_opened_again(services: Services, runtime: Adapter,
                                                                       fake: FakeSlack) -> None:
    feed_id = await subscribe(services)
    await learn(services, feed_id, ("Netflix orders Soul Mate", SOUL_MATE))
    assert await slash(runtime, fake, "/follow", "Soul Mate", "fan", user=FAN) == 200
    await fake.wait_response("fan")
    await dated(services, feed_id, date(2027, 3, 14))
    assert await deliver(services) == 1
    first = fake.dm_channel(FAN)
    assert len(fake.messages(first)) == 1

    fake.close_dm(FAN)
    await dated(services, feed_id, date(2027, 4, 2))
    assert await deliver(services) == 1
    assert fake.dm_channel(FAN) != first and len(fake.messages(fake.dm_channel(FAN))) == 1
    assert [call.body["channel"] for call in fake.calls("chat.postMessage")][-2:] == [first, fake.dm_channel(FAN)]
    assert [call.body["users"] for call in fake.calls("conversations.open")] == [FAN, FAN]
    assert await services.store.delivery_counts() == {"sent": 5}  # three cards, two DMs
