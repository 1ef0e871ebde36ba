"""The start and stop every fake HTTP server shares: an aiohttp application on 127.0.0.1 at a free port."""

from __future__ import annotations

from typing import Self

from aiohttp import web


class LoopbackServer:
    """Serve the routes a subclass adds in `install`; use `start`/`stop` or `async with`."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        """Where the fake's API starts: its origin unless the real API lives under a path."""
        return self.origin

    def install(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self) -> Self:
        app = web.Application()
        self.install(app)
        # Stopping cuts off answers still in progress (a fake told to answer slowly): no test waits for them.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *_: object) -> None:
        await self.stop()
