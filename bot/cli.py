"""The seriesbot command line: run, poll, feeds, series, extract, demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.logging import RichHandler

from bot.cli_digest import add_digest_parser
from bot.config import ConfigError, Settings, load_settings, parse_duration
from bot.destinations import parse_destination
from bot.filters import Filters

log = logging.getLogger("bot")
# Commands that print results log only problems by default; run, poll and demo also log their progress.
QUIET_COMMANDS = frozenset({"extract", "series", "feeds", "enrich", "digest"})
VERBOSE_HELP = ("more logging, before or after the command: run, poll and demo log their progress and -v adds "
                "debug; feeds, series, enrich, digest and extract log only problems, -v adds progress and -vv debug")
# -v may follow the program, the command or the feeds action; each level keeps its own count.
_VERBOSE_DESTS = ("verbose", "verbose_command", "verbose_action")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose sub-commands also take -v."""

    def add_verbose(self, level: int) -> None:
        """Accept -v/--verbose here, counted at this level of the command line."""
        self.add_argument("-v", "--verbose", action="count", dest=_VERBOSE_DESTS[level],
                          default=0 if level == 0 else argparse.SUPPRESS, help=VERBOSE_HELP)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = _Parser(prog="seriesbot", description=__doc__)
    parser.add_argument("--config", metavar="PATH", help="TOML file (default: $SERIESBOT_CONFIG or "
                        "config/seriesbot.toml)")
    parser.add_verbose(0)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="poll feeds and serve every configured platform until stopped")
    run.add_argument("--shard-count", type=int, metavar="N", help="override [discord] shard_count")
    run.add_argument("--shard-ids", type=_id_list, metavar="ID,...",
                     help="override [discord] shard_ids: the Discord shards this process holds (docs/scaling.md)")
    run.add_verbose(1)

    poll = commands.add_parser("poll", help="one pass over the feeds, deliver, print a summary and exit",
                               description="Poll the due feeds (every feed with --all) once, deliver what they "
                               "announce, print a summary and exit. `seriesbot run` polls continuously.")
    poll.add_argument("--once", action="store_true", help="accepted for older scripts: poll always does one pass")
    poll.add_argument("--all", action="store_true", help="every enabled feed, due or not")
    poll.add_verbose(1)

    feeds_parser = commands.add_parser("feeds", help="manage feeds")
    feeds_parser.add_verbose(1)
    feeds = feeds_parser.add_subparsers(dest="feeds_command", required=True, metavar="ACTION", parser_class=_Parser)
    add = feeds.add_parser("add", help="add a feed and route it to a destination, or change that route",
                           description="Add a feed and route it to a destination. When the feed already posts "
                           "there, change what is given (--interval, the filters as a whole, --mention), keep the "
                           "rest, and say what changed.")
    add.add_argument("url")
    add.add_argument("--to", default="console", metavar="DEST",
                     help="console (default), discord:CHANNEL_ID or slack:CHANNEL_ID")
    add.add_argument("--interval", metavar="DURATION", help="poll interval such as 15m (default from config)")
    add.add_argument("--platforms", help="only these platforms, comma-separated")
    add.add_argument("--kinds", help="only these kinds (drama, anime, ...), comma-separated")
    add.add_argument("--countries", help="only these countries, comma-separated")
    add.add_argument("--keywords", help="only items mentioning one of these words, comma-separated")
    add.add_argument("--mention", metavar="ID", help="role id (Discord) or user group id (Slack) to mention")
    add.add_verbose(2)
    listing = feeds.add_parser("list", help="list feeds and their state")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_verbose(2)
    for action, text in (("remove", "remove a feed (a feed listed in the config file is removed there)"),
                         ("pause", "stop polling a feed"), ("resume", "poll a paused or disabled feed again")):
        other = feeds.add_parser(action, help=text)
        other.add_argument("feed", metavar="URL|ID")
        other.add_verbose(2)
    test = feeds.add_parser("test", help="fetch a feed now and show what would be posted")
    test.add_argument("url")
    test.add_verbose(2)

    series = commands.add_parser("series", help="look a series up in the knowledge base")
    series.add_argument("title")
    series.add_argument("--json", action="store_true")
    series.add_verbose(1)

    enrich = commands.add_parser(
        "enrich", help="match series to TVmaze (and TMDB) now; print matches and scores",
        description="Look series of the knowledge base up on TVmaze (and on TMDB when TMDB_API_KEY is set) now, "
                    "even if they were checked recently, and print each series as it is done: matched (with the "
                    "score and the evidence), ambiguous (refused: the two closest candidates), no match or error.",
        epilog="Exit status: 0 done, 1 a show database failed or TITLE is not in the knowledge base, "
               "2 usage error or enrichment switched off.")
    enrich.add_verbose(1)  # before the group, which usage shows as (--all | TITLE) only when nothing splits it
    which = enrich.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every series of the knowledge base")
    which.add_argument("title", nargs="?", metavar="TITLE", help="one series, by title (typos tolerated) or #ID")

    extract = commands.add_parser("extract", help="extract series announcements from article files")
    extract.add_argument("files", nargs="+", metavar="FILE", help="text (headline first) or HTML; - is stdin")
    extract.add_argument("--json", action="store_true", help="one JSON object per file")
    extract.add_argument("--published", metavar="YYYY-MM-DD", help="the article date, for relative dates")
    extract.add_argument("--explain", action="store_true", help="print every candidate, its features and score")
    extract.add_verbose(1)

    add_digest_parser(commands)
    commands.add_parser("demo", help="offline demo on bundled sample feeds").add_verbose(1)
    return parser


def _id_list(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected shard numbers such as 0 or 0,1, got {text!r}") from None


def log_level(args: argparse.Namespace) -> int:
    """Return the log level the command line asks for, counting -v wherever it was given."""
    verbosity = sum(getattr(args, dest, 0) for dest in _VERBOSE_DESTS)
    if args.command in QUIET_COMMANDS:
        verbosity -= 1
    return logging.WARNING if verbosity < 0 else (logging.INFO, logging.DEBUG)[min(verbosity, 1)]


def setup_logging(level: int, console: Console) -> None:
    """Log to stderr through rich."""
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
    setup_logging(log_level(args), err)
    try:
        if args.command == "extract":
            from bot.cli_extract import extract_files

            return extract_files(args.files, as_json=args.json, published=args.published, out=out,
                                 explain=args.explain)
        if args.command == "demo":
            from bot.demo import run_demo

            return asyncio.run(run_demo(out))
        settings = load_settings(args.config)
        for notice in settings.notices:
            err.print(f"warning: {notice}", markup=False, highlight=False)
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
        await run(settings.with_shards(args.shard_count, args.shard_ids))
        return 0
    if args.command in ("poll", "enrich") and (missing := settings.missing_tokens(platforms=False)):
        # These two consult the show databases; the platforms' tokens matter only to `run`.
        raise ConfigError("\n".join(f"{settings.source}: {problem}" for problem in missing))
    async with bootstrap(settings, console=out) as services:
        if args.command == "poll":
            await sync_config_feeds(services)
            return await cli_admin.poll_once(services, every=args.all, out=out)
        if args.command == "series":
            return await cli_admin.show_series(services, args.title, as_json=args.json, out=out)
        if args.command == "enrich":
            from bot.cli_enrich import run_enrich

            return await run_enrich(services, every=args.all, title=args.title, out=out)
        if args.command == "digest":
            from bot.cli_digest import digest_command

            return await digest_command(services.digests, args, out)
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
