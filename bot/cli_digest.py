"""`seriesbot digest add|list|remove`: weekly premieres digests from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console

from bot.commands import OPERATOR
from bot.console import print_reply
from bot.destinations import parse_destination
from bot.digest import Digests
from bot.replies import Message


def add_digest_parser(commands: Any) -> None:
    """Add the digest sub-commands to the command-line parser."""
    digest = commands.add_parser("digest", help="weekly premieres digests per channel").add_subparsers(
        dest="digest_command", required=True, metavar="ACTION")
    add = digest.add_parser("add", help="post the coming week's premieres to DEST every week")
    add.add_argument("destination", metavar="DEST", help="discord:CHANNEL_ID, slack:CHANNEL_ID or console")
    add.add_argument("--weekly", nargs=2, metavar=("WEEKDAY", "HH:MM"), required=True,
                     help="the weekday (mon..sun) and local time, such as: --weekly mon 09:00")
    add.add_argument("--tz", default="UTC", metavar="ZONE", help="IANA time zone such as Asia/Seoul (default UTC)")
    digest.add_parser("list", help="list the digests")
    digest.add_parser("remove", help="stop the digest of DEST").add_argument("destination", metavar="DEST")


async def digest_command(digests: Digests, args: argparse.Namespace, out: Console) -> int:
    """Run digest add, list or remove for the operator."""
    if args.digest_command == "list":
        reply = await digests.list(OPERATOR)
    else:
        try:
            destination = parse_destination(args.destination)
        except ValueError as error:
            out.print(f"error: {error}", markup=False, highlight=False)
            return 2
        if args.digest_command == "add":
            weekday, at = args.weekly
            reply = await digests.set(OPERATOR, destination, weekday, at, args.tz)
        else:
            reply = await digests.remove(OPERATOR, destination)
    print_reply(reply, out)
    return 0 if isinstance(reply, Message) and reply.ok else 1
