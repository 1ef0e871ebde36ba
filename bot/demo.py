"""`seriesbot demo`: serve the bundled sample feeds on loopback, poll them and print what was learnt."""

from __future__ import annotations

import logging
import tempfile
from importlib import resources
from pathlib import Path

from aiohttp import web
from rich.console import Console
from rich.rule import Rule

from bot.app import bootstrap, sync_config_feeds
from bot.config import FeedSettings, FileSettings, Secrets, Settings
from bot.console import print_reply
from bot.health import bound_port

log = logging.getLogger(__name__)
DEMO_FILES = {"kdrama.xml": "application/rss+xml", "trade.xml": "application/rss+xml",
              "anime.json": "application/feed+json"}


def _demo_app() -> web.Application:
    folder = resources.files("bot") / "data" / "demo"

    async def serve(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in DEMO_FILES:
            raise web.HTTPNotFound()
        body = (folder / name).read_bytes()
        return web.Response(body=body, headers={"Content-Type": DEMO_FILES[name]})

    app = web.Application()
    app.router.add_get("/{name}", serve)
    return app


async def run_demo(out: Console) -> int:
    """Run the offline demo and return the exit status."""
    runner = web.AppRunner(_demo_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = bound_port(site)
    try:
        with tempfile.TemporaryDirectory(prefix="seriesbot-demo-") as folder:
            settings = _demo_settings(f"http://127.0.0.1:{port}", Path(folder) / "demo.db")
            async with bootstrap(settings, console=out) as services:
                await sync_config_feeds(services)
                out.print(Rule("seriesbot demo: polling three bundled sample feeds on loopback"))
                summary = await services.poller.poll_due(every=True)
                await services.dispatcher.drain()
                out.print(summary.line(), markup=False, highlight=False)
                out.print(Rule("then a member asks: /series moonlit bakry"))
                print_reply(await services.commands.series("moonlit bakry"), out)
                out.print(Rule("and: /upcoming 365"))
                print_reply(await services.commands.upcoming(days=365), out)
    finally:
        await runner.cleanup()
    return 0


def _demo_settings(base: str, database: Path) -> Settings:
    feeds = [FeedSettings(url=f"{base}/{name}", name=name.split(".")[0], backfill=50) for name in DEMO_FILES]
    file = FileSettings.model_validate({
        "store": {"url": f"sqlite+aiosqlite:///{database}"},
        "poll": {"max_age": "36500d"},
        "fetch": {"allow_private_networks": True},
        "console": {"enabled": "on"},
        "enrich": {"tvmaze": False, "tmdb": "off"},  # the demo is offline
    })
    file = file.model_copy(update={"feeds": feeds})
    return Settings(file=file, secrets=Secrets(), source="demo")
