"""The fake Slack in tests/fakes/ driven by the real slack-sdk and slack-bolt clients, loopback only."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_api import (
    DEFAULT_APP_TOKEN,
    DEFAULT_BOT_TOKEN,
    FakeSlack,
    serve_locally,
    sign_request,
    slash_command_body,
)

pytestmark = pytest.mark.timeout(10)

SIGNING_SECRET = "fake-signing-secret"
CHANNEL = "C0SERIES"
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Severance* season 3"}}]
METADATA = {"event_type": "series_announced", "event_payload": {"series_id": "sev-3", "source": "rss"}}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        server.add_channel(CHANNEL, "series")
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=DEFAULT_BOT_TOKEN, base_url=fake.api_base)


def build_bolt_app(fake: FakeSlack) -> AsyncApp:
    # The token travels inside the client; passing token= as well only makes bolt log a warning.
    app = AsyncApp(
        signing_secret=SIGNING_SECRET,
        client=AsyncWebClient(token=DEFAULT_BOT_TOKEN, base_url=fake.api_base),
    )

    @app.command("/series")
    async def series(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        await ack()
        await respond(text=f"Looking up {command['text']}", response_type="ephemeral")

    @app.command("/series-ack")
    async def series_ack(ack: Any, command: dict[str, Any]) -> None:
        await ack(text=f"Queued {command['text']}")

    return app


# ---------------------------------------------------------------------- Web API


async def test_post_message_keeps_blocks_and_metadata(fake: FakeSlack, client: AsyncWebClient) -> None:
    posted = await client.chat_postMessage(channel=CHANNEL, text="Severance S3", blocks=BLOCKS, metadata=METADATA)

    assert posted["channel"] == CHANNEL
    assert posted["message"]["metadata"] == METADATA
    history = await client.conversations_history(channel=CHANNEL, include_all_metadata=True)
    [message] = history["messages"]
    assert message["ts"] == posted["ts"]
    assert message["blocks"] == BLOCKS
    assert message["metadata"] == METADATA
    assert fake.messages(CHANNEL)[0]["text"] == "Severance S3"
    call = fake.calls("chat.postMessage")[0]
    assert call.is_json
    assert call.headers["Authorization"] == f"Bearer {DEFAULT_BOT_TOKEN}"


async def test_form_encoded_bodies_are_decoded(fake: FakeSlack, client: AsyncWebClient) -> None:
    await client.api_call(
        "chat.postMessage",
        data={"channel": CHANNEL, "blocks": json.dumps(BLOCKS), "metadata": json.dumps(METADATA)},
    )

    [message] = fake.messages(CHANNEL)
    assert (message["blocks"], message["metadata"]) == (BLOCKS, METADATA)
    assert not fake.calls("chat.postMessage")[0].is_json


async def test_history_is_newest_first_with_limit_and_oldest(client: AsyncWebClient) -> None:
    stamps = [(await client.chat_postMessage(channel=CHANNEL, text=f"m{i}", metadata=METADATA))["ts"] for i in range(3)]

    page = await client.conversations_history(channel=CHANNEL, limit=2)
    assert [m["text"] for m in page["messages"]] == ["m2", "m1"]
    assert page["has_more"] is True
    assert all("metadata" not in m for m in page["messages"])
    newer = await client.conversations_history(channel=CHANNEL, oldest=stamps[0])
    assert [m["ts"] for m in newer["messages"]] == [stamps[2], stamps[1]]


async def test_rate_limited_post_is_retried_once(fake: FakeSlack, client: AsyncWebClient) -> None:
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    fake.fail_next("chat.postMessage", status=429, retry_after=0)  # the SDK sleeps 0 + random() seconds

    await client.chat_postMessage(channel=CHANNEL, text="once", blocks=BLOCKS)

    assert len(fake.calls("chat.postMessage")) == 2
    assert [m["text"] for m in fake.messages(CHANNEL)] == ["once"]
    assert fake.count_429 == 1


async def test_faults_and_channel_states(fake: FakeSlack, client: AsyncWebClient) -> None:
    fake.add_channel("C0ARCHIVED", "old", archived=True)
    fake.add_channel("C0OUTSIDE", "outside", member=False)
    fake.fail_next("chat.postMessage", error="channel_not_found")
    fake.fail_next("conversations.info", status=500)

    async def error_of(call: Any) -> tuple[int, str]:
        with pytest.raises(SlackApiError) as caught:
            await call
        return caught.value.response.status_code, caught.value.response["error"]

    assert await error_of(client.chat_postMessage(channel=CHANNEL, text="x")) == (200, "channel_not_found")
    assert await error_of(client.chat_postMessage(channel="C0ARCHIVED", text="x")) == (200, "is_archived")
    assert await error_of(client.chat_postMessage(channel="C0OUTSIDE", text="x")) == (200, "not_in_channel")
    assert await error_of(client.conversations_info(channel=CHANNEL)) == (500, "internal_error")
    bad_token = AsyncWebClient(token="xoxb-wrong", base_url=fake.api_base)
    assert await error_of(bad_token.auth_test()) == (200, "invalid_auth")
    fake.per_channel_per_second = 1
    await client.chat_postMessage(channel=CHANNEL, text="first")
    assert await error_of(client.chat_postMessage(channel=CHANNEL, text="second")) == (429, "ratelimited")
    assert fake.count_429 == 1
    assert [m["text"] for m in fake.messages(CHANNEL)] == ["first"]


async def test_users_usergroups_and_conversations(fake: FakeSlack, client: AsyncWebClient) -> None:
    fake.add_user("U0ADMIN", "ada", is_admin=True)
    fake.add_usergroup("S0MODS", ["U0ADMIN", "U0OTHER"])
    fake.add_channel("C0NEW", "new", member=False)

    user = (await client.users_info(user="U0ADMIN"))["user"]
    assert (user["is_admin"], user["is_owner"]) == (True, False)
    assert (await client.usergroups_users_list(usergroup="S0MODS"))["users"] == ["U0ADMIN", "U0OTHER"]
    assert (await client.conversations_info(channel="C0NEW"))["channel"]["is_member"] is False
    await client.conversations_join(channel="C0NEW")
    assert (await client.conversations_info(channel="C0NEW"))["channel"]["is_member"] is True
    assert (await client.auth_test())["user_id"] == "U0FAKEBOT"


def test_sign_request_matches_the_sdk_verifier() -> None:
    body = slash_command_body("/series", "severance", response_url="http://127.0.0.1:1/response/x")
    headers = sign_request(SIGNING_SECRET, body)

    assert SignatureVerifier(SIGNING_SECRET).is_valid_request(body, headers)
    assert not SignatureVerifier("other-secret").is_valid_request(body, headers)


# ---------------------------------------------------------------------- slack-bolt over HTTP


@pytest.fixture
async def bolt_url(fake: FakeSlack) -> AsyncIterator[str]:
    async with serve_locally(build_bolt_app(fake).web_app(path="/slack/events")) as base:
        yield f"{base}/slack/events"


async def post(url: str, body: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as session, session.post(url, data=body.encode(), headers=headers) as resp:
        return resp.status


async def test_signed_slash_command_is_answered_via_response_url(fake: FakeSlack, bolt_url: str) -> None:
    body = slash_command_body("/series", "severance", response_url=fake.response_url("http-1"))

    assert await post(bolt_url, body, {**FORM, **sign_request(SIGNING_SECRET, body)}) == 200
    assert await fake.wait_response("http-1") == {"text": "Looking up severance", "response_type": "ephemeral"}
    assert len(fake.calls("auth.test")) == 1  # bolt's single-workspace authorization hit the fake


@pytest.mark.parametrize("attack", ["tampered_body", "stale_timestamp"])
async def test_bad_signatures_are_rejected(fake: FakeSlack, bolt_url: str, attack: str) -> None:
    body = slash_command_body("/series", "severance", response_url=fake.response_url("http-bad"))
    if attack == "tampered_body":
        headers = sign_request(SIGNING_SECRET, body)
        body = body.replace("severance", "sabotage")
    else:
        headers = sign_request(SIGNING_SECRET, body, timestamp=int(time.time()) - 6 * 60)

    assert await post(bolt_url, body, {**FORM, **headers}) == 401
    assert fake.calls("auth.test") == []
    assert fake.responses("http-bad") == []


# ---------------------------------------------------------------------- slack-bolt over Socket Mode


async def test_socket_mode_slash_command_is_acked(fake: FakeSlack) -> None:
    # The handler's SocketModeClient reuses app.client, so apps.connections.open goes to the fake.
    handler = AsyncSocketModeHandler(build_bolt_app(fake), app_token=DEFAULT_APP_TOKEN)
    await handler.connect_async()
    try:
        assert await fake.send_socket_command("/series", "andor", response_id="sock-1") is None
        assert await fake.wait_response("sock-1") == {"text": "Looking up andor", "response_type": "ephemeral"}
        assert await fake.send_socket_command("/series-ack", "andor") == {"text": "Queued andor"}
    finally:
        await handler.close_async()

    [connect] = fake.calls("apps.connections.open")
    assert connect.headers["Authorization"] == f"Bearer {DEFAULT_APP_TOKEN}"
    assert [sorted(ack) for ack in fake.socket_acks] == [["envelope_id"], ["envelope_id", "payload"]]
