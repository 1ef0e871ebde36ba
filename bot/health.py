"""/healthz and Prometheus /metrics (and any other GET routes given) on a local port, read from the store."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST as PROMETHEUS_TYPE
from prometheus_client import CollectorRegistry, Gauge, generate_latest

from bot.store.store import Store

log = logging.getLogger(__name__)
Route = tuple[str, Callable[[web.Request], Awaitable[web.StreamResponse]]]
FEED_STATES = ("new", "ok", "not_modified", "error", "disabled", "paused")
DELIVERY_STATES = ("pending", "sent", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class HealthState:
    """Counts by state, the last successful poll and each platform's connection."""

    feeds: dict[str, int]
    deliveries: dict[str, int]
    last_successful_poll: datetime | None
    platforms: dict[str, bool]

    def to_dict(self) -> dict[str, object]:
        """Return the JSON form."""
        last = self.last_successful_poll.isoformat() if self.last_successful_poll else None
        return {"feeds": self.feeds, "deliveries": self.deliveries, "last_successful_poll": last,
                "platforms": self.platforms}


class Health:
    """Collects the bot's state for the health and metrics endpoints."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock
        self.connections: dict[str, Callable[[], bool]] = {}

    async def snapshot(self) -> HealthState:
        """Return the current state as plain data."""
        feeds = await self._store.list_feeds()
        states = {state: 0 for state in FEED_STATES}
        for feed in feeds:
            states[feed.state] = states.get(feed.state, 0) + 1
        successes = [feed.last_success_at for feed in feeds if feed.last_success_at]
        deliveries = {state: 0 for state in DELIVERY_STATES} | await self._store.delivery_counts()
        return HealthState(states, deliveries, max(successes) if successes else None,
                           {name: probe() for name, probe in self.connections.items()})

    async def healthz(self, _request: web.Request) -> web.Response:
        """Answer 200 when the store answers and every platform is connected, else 503."""
        try:
            state = await self.snapshot()
        except Exception as error:
            log.exception("health check could not read the store")
            return web.json_response({"ok": False, "error": f"store: {error}"}, status=503)
        ok = all(state.platforms.values())
        return web.json_response({"ok": ok, **state.to_dict()}, status=200 if ok else 503)

    async def metrics(self, _request: web.Request) -> web.Response:
        """Render the state in the Prometheus text format."""
        state = await self.snapshot()
        registry = CollectorRegistry()
        feeds = Gauge("seriesbot_feeds", "Feeds by state", ["state"], registry=registry)
        for name, count in state.feeds.items():
            feeds.labels(name).set(count)
        deliveries = Gauge("seriesbot_deliveries", "Deliveries by state", ["state"], registry=registry)
        for name, count in state.deliveries.items():
            deliveries.labels(name).set(count)
        last = Gauge("seriesbot_last_successful_poll_timestamp_seconds", "Time of the last successful poll",
                     registry=registry)
        last.set(state.last_successful_poll.timestamp() if state.last_successful_poll else 0)
        connected = Gauge("seriesbot_platform_connected", "1 when the platform connection is up", ["platform"],
                          registry=registry)
        for name, up in state.platforms.items():
            connected.labels(name).set(1 if up else 0)
        return web.Response(body=generate_latest(registry), headers={"Content-Type": PROMETHEUS_TYPE})

    def app(self, routes: Sequence[Route] = ()) -> web.Application:
        """Return the aiohttp application serving both endpoints and the extra GET routes."""
        application = web.Application()
        application.router.add_get("/healthz", self.healthz)
        application.router.add_get("/metrics", self.metrics)
        for path, handler in routes:
            application.router.add_get(path, handler)
        return application


async def serve(health: Health, host: str, port: int, routes: Sequence[Route] = ()) -> tuple[web.AppRunner, int]:
    """Start the endpoints and return the runner and the bound port."""
    runner = web.AppRunner(health.app(routes), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        raise
    bound = bound_port(site)
    log.info("serving http://%s:%d/healthz, /metrics%s", host, bound, "".join(f", {path}" for path, _ in routes))
    return runner, bound


def bound_port(site: web.TCPSite) -> int:
    """Return the port a site listens on (useful when it was asked for port 0)."""
    server = site._server
    sockets = getattr(server, "sockets", None)
    if not sockets:
        raise RuntimeError("the site is not listening")
    return int(sockets[0].getsockname()[1])
