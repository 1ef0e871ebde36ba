"""Parse the text of Slack slash commands into handler arguments, refusing malformed input."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.filters import Filters

MAX_COMMAND = 2000
MAX_SERIES_QUERY = 200
MAX_PLATFORM = 60
FEEDS_HELP = (
    "*Manage feeds* (workspace admins only):\n"
    "• `/feeds add <url> [#channel] [platforms=a,b] [kinds=drama,anime] [countries=..] [keywords=..] "
    "[mention=@group]`: post new series from a feed (default channel: this one); on a channel it already "
    "posts to, replace its filters or mention with the ones given\n"
    "• `/feeds list`: the feeds of this workspace\n"
    "• `/feeds remove <id|url>`, `/feeds pause <id|url>`, `/feeds resume <id|url>`\n"
    "• `/feeds test <url>`: show what a feed would post, posting nothing\n"
    "• `/feeds digest [#channel] <weekday> <HH:MM> [time zone]`: the coming week's premieres every week; "
    "`/feeds digest [#channel] off`, `/feeds digest list`\n"
    "Quote values with spaces: `keywords=\"slow burn,thriller\"`."
)
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_TOKEN = re.compile(r'(?P<key>[a-z_]+)=(?:"(?P<quoted>[^"]*)"|(?P<value>\S*))|(?P<bare>\S+)')
_CHANNEL = re.compile(r"^<#([CG][A-Z0-9]{2,20})(?:\|[^>]*)?>$|^([CG][A-Z0-9]{6,20})$")
_SUBTEAM = re.compile(r"^<!subteam\^([^|>]{1,40})(?:\|[^>]*)?>$")
_LINK = re.compile(r"^<([^<>|]+)(?:\|[^<>]*)?>$")
_NUMBER = re.compile(r"^\d{1,4}$")
_FILTERS = ("platforms", "kinds", "countries", "keywords")


class Usage(ValueError):
    """Input the command cannot use; the message tells the user what to type."""


@dataclass(frozen=True, slots=True)
class FeedAdd:
    """The arguments of /feeds add."""

    url: str
    channel: str | None
    filters: Filters | None
    mention: str | None


def check_text(text: str | None, limit: int = MAX_COMMAND) -> str:
    """Return the command text stripped, refusing overlong text and control or bidirectional characters."""
    value = (text or "").strip()
    if len(value) > limit:
        raise Usage(f"That is too long: at most {limit} characters.")
    if _BAD_CHARS.search(value):
        raise Usage("That text contains control or bidirectional characters; please retype it.")
    return value


def unescape(text: str) -> str:
    """Undo the escaping Slack applies to the text of commands."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_series(text: str) -> tuple[str, bool]:
    """Return the title to look up and whether the answer should be shown to the channel."""
    value = check_text(text, MAX_SERIES_QUERY + 20)
    public = value.endswith("--public")
    query = unescape(value.removesuffix("--public").strip())
    if len(query) > MAX_SERIES_QUERY:
        raise Usage(f"A title can be at most {MAX_SERIES_QUERY} characters.")
    return query, public


def parse_upcoming(text: str) -> tuple[int, str | None]:
    """Return the window in days (default 30) and an optional platform."""
    words = check_text(text, 100).split()
    days = 30
    if words and _NUMBER.match(words[0]):
        days = int(words.pop(0))
        if not 1 <= days <= 365:
            raise Usage("Usage: `/upcoming [days] [platform]`, days between 1 and 365.")
    platform = unescape(" ".join(words)) or None
    if platform and len(platform) > MAX_PLATFORM:
        raise Usage(f"A platform name can be at most {MAX_PLATFORM} characters.")
    return days, platform


def parse_latest(text: str) -> int:
    """Return how many announcements to show (default 5)."""
    value = check_text(text, 20)
    if not value:
        return 5
    if not _NUMBER.match(value) or not 1 <= int(value) <= 10:
        raise Usage("Usage: `/latest [count]`, count between 1 and 10.")
    return int(value)


def split_feeds(text: str) -> tuple[str, str]:
    """Return the /feeds sub-command (lower case, 'help' when empty) and the rest of the text."""
    verb, _, rest = check_text(text).partition(" ")
    return (verb.lower() or "help"), rest.strip()


def parse_url(token: str) -> str:
    """Return a URL from a bare or Slack-wrapped (<https://...|label>) token."""
    wrapped = _LINK.match(token)
    url = unescape(wrapped.group(1) if wrapped else token)
    if not url.lower().startswith(("http://", "https://")):
        raise Usage(f"“{url[:100]}” is not an http(s) URL.")
    return url


def parse_ref(text: str) -> str:
    """Return the single feed id or URL that remove, pause and resume take."""
    words = text.split()
    if len(words) != 1:
        raise Usage("Name one feed by its number or URL, as `/feeds list` shows them.")
    return words[0] if words[0].isdigit() else parse_url(words[0])


def parse_channel(token: str) -> str | None:
    """Return the channel id of <#C123|name> or a bare id, else None."""
    found = _CHANNEL.match(token)
    return (found.group(1) or found.group(2)) if found else None


def parse_mention(value: str) -> str:
    """Return the user-group id of <!subteam^S123|@group>, or the value as typed for the core to check."""
    found = _SUBTEAM.match(value.strip())
    return found.group(1) if found else value.strip()


def parse_add(text: str) -> FeedAdd:
    """Parse `<url> [#channel] [key=value ...]`."""
    url: str | None = None
    channel: str | None = None
    options: dict[str, str] = {}
    # Slack clients often turn straight quotes into curly ones.
    for token in _TOKEN.finditer(text.replace("“", '"').replace("”", '"')):
        if token.group("key"):
            key = token.group("key")
            if key not in (*_FILTERS, "mention"):
                raise Usage(f"Unknown option “{key}”. Options: platforms, kinds, countries, keywords, mention.")
            if key in options:
                raise Usage(f"{key}= is given twice.")
            options[key] = unescape(token.group("quoted") if token.group("quoted") is not None
                                    else token.group("value"))
        elif url is None:
            url = parse_url(token.group("bare"))
        elif channel is None and (found := parse_channel(token.group("bare"))):
            channel = found
        elif token.group("bare").startswith("#"):
            raise Usage("Pick the channel from Slack's list as you type # so that I get its id.")
        else:
            raise Usage(f"I do not understand “{token.group('bare')[:100]}”. Channels look like #news; "
                        "options like platforms=Netflix.")
    if url is None:
        raise Usage("Usage: `/feeds add <url> [#channel] [platforms=a,b] [kinds=..] [countries=..] "
                    "[keywords=..] [mention=@group]`")
    try:
        filters = Filters.parse(*(options.get(name) for name in _FILTERS))
    except ValueError as error:
        raise Usage(str(error)) from None
    mention = parse_mention(options["mention"]) if options.get("mention") else None
    return FeedAdd(url, channel, filters, mention)
