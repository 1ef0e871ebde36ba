"""The seriesbot command line: run, poll, feeds, series, extract, demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.logging import RichHandler

from bot.config import ConfigError, Settings, load_settings, parse_duration
from bot.destinations import parse_destination
from bot.filters import Filters

log = logging.getLogger("bot")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(prog="seriesbot", description=__doc__)
    parser.add_argument("--config", metavar="PATH", help="TOML file (default: $SERIESBOT_CONFIG or "
                        "config/seriesbot.toml)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("run", help="poll feeds and serve every configured platform until stopped")

    poll = commands.add_parser("poll", help="poll the feeds once and deliver")
    poll.add_argument("--once", action="store_true", required=True, help="one pass, then exit")
    poll.add_argument("--all", action="store_true", help="every enabled feed, due or not")

    feeds = commands.add_parser("feeds", help="manage feeds").add_subparsers(dest="feeds_command", required=True,
                                                                              metavar="ACTION")
    add = feeds.add_parser("add", help="add a feed and route it to a destination")
    add.add_argument("url")
    add.add_argument("--to", default="console", metavar="DEST",
                     help="console (default), discord:CHANNEL_ID or slack:CHANNEL_ID")
    add.add_argument("--interval", metavar="DURATION", help="poll interval such as 15m (default from config)")
    add.add_argument("--platforms", help="only these platforms, comma-separated")
    add.add_argument("--kinds", help="only these kinds (drama, anime, ...), comma-separated")
    add.add_argument("--countries", help="only these countries, comma-separated")
    add.add_argument("--keywords", help="only items mentioning one of these words, comma-separated")
    add.add_argument("--mention", metavar="ID", help="role (Discord) or user group (Slack) to mention")
    listing = feeds.add_parser("list", help="list feeds and their state")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    for action, text in (("remove", "remove a feed"), ("pause", "stop polling a feed"),
                         ("resume", "poll a paused or disabled feed again")):
        feeds.add_parser(action, help=text).add_argument("feed", metavar="URL|ID")
    test = feeds.add_parser("test", help="fetch a feed now and show what would be posted")
    test.add_argument("url")

    series = commands.add_parser("series", help="look a series up in the knowledge base")
    series.add_argument("title")
    series.add_argument("--json", action="store_true")

    enrich = commands.add_parser("enrich", help="match series to TVmaze (and TMDB) now; print matches and scores")
    which = enrich.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every series of the knowledge base")
    which.add_argument("title", nargs="?", help="one series (a title the news has not named is looked up)")

    extract = commands.add_parser("extract", help="extract series announcements from article files")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text (headline first) or HTML; - is stdin")
    extract.add_argument("--json", action="store_true", help="one JSON object per file")
    extract.add_argument("--published", metavar="YYYY-MM-DD", help="the article date, for relative dates")

    commands.add_parser("demo", help="offline demo on bundled sample feeds")
    return parser


def setup_logging(verbosity: int, console: Console) -> None:
    """Log to stderr through rich."""
    level = logging.WARNING if verbosity < 0 else (logging.INFO, logging.DEBUG)[min(verbosity, 1)]
    handler = RichHandler(console=console, show_path=False, rich_tracebacks=True, markup=False)
    logging.basicConfig(level=level, format="%(message)s", datefmt="[%X]", handlers=[handler], force=True)
    for noisy in ("aiosqlite", "apscheduler", "discord", "slack_bolt", "slack_sdk", "alembic", "asyncio",
                  "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    logging.getLogger("bot").setLevel(level)
    # A news bot never joins voice; discord.py warns about missing voice libraries at every start.
    logging.getLogger("discord.client").setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    args = build_parser().parse_args(argv)
    out = Console(soft_wrap=False)
    err = Console(stderr=True)
    quiet_commands = {"extract", "series", "feeds", "enrich"}
    setup_logging(args.verbose - (1 if args.command in quiet_commands else 0), err)
    try:
        if args.command == "extract":
            from bot.cli_extract import extract_files

            return extract_files(args.files, as_json=args.json, published=args.published, out=out)
        if args.command == "demo":
            from bot.demo import run_demo

            return asyncio.run(run_demo(out))
        settings = load_settings(args.config)
        return asyncio.run(_dispatch(args, settings, out))
    except ConfigError as error:
        err.print(f"[bold red]configuration error[/]\n{error}", highlight=False, markup=True)
        return 2
    except KeyboardInterrupt:
        return 130


async def _dispatch(args: argparse.Namespace, settings: Settings, out: Console) -> int:
    from bot import cli_admin
    from bot.app import bootstrap, run, sync_config_feeds

    if args.command == "run":
        await run(settings)
        return 0
    async with bootstrap(settings, console=out) as services:
        if args.command == "poll":
            await sync_config_feeds(services)
            return await cli_admin.poll_once(services, every=args.all, out=out)
        if args.command == "series":
            return await cli_admin.show_series(services, args.title, as_json=args.json, out=out)
        if args.command == "enrich":
            from bot.cli_enrich import run_enrich

            return await run_enrich(services, every=args.all, title=args.title, out=out)
        if args.command == "feeds":
            if args.feeds_command == "add":
                try:
                    destination = parse_destination(args.to)
                    interval = parse_duration(args.interval) if args.interval else None
                    filters = Filters.parse(args.platforms, args.kinds, args.countries, args.keywords)
                except ValueError as error:
                    out.print(f"error: {error}", markup=False, highlight=False)
                    return 2
                return await cli_admin.feeds_add(services, args.url, destination, filters, args.mention, interval,
                                                 out)
            return await cli_admin.feeds_other(services, args, out)
    return 2


if __name__ == "__main__":
    sys.exit(main())
