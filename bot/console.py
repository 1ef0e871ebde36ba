"""The embedded default destination: readable cards in the terminal."""

from __future__ import annotations

import logging

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.cards import news_label, season_text
from bot.destinations import Platform
from bot.enrich.view import LABELS, database_premiere, describe, links
from bot.model import Announcement, Event, Series
from bot.outbox import Outcome, Sent
from bot.replies import Choices, FeedList, ListingCard, Message, NewsList, Preview, Reply, SeriesCard, SeriesList
from bot.store.records import DeliveryJob

log = logging.getLogger(__name__)


def series_table(series: Series) -> Table:
    """Return the facts of a series as a two-column table."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    listing = series.listing
    known = database_premiere(series)
    rows = [
        ("Platform", ", ".join(series.platforms)),
        ("Kind", series.kind.value if series.kind else ""),
        ("Status", series.status.value.replace("_", " ")),
        ("Season", season_text(series).removeprefix("Season ")),
        ("Premiere", series.premiere_date.strftime("%-d %B %Y") if series.premiere_date
         else series.premiere_text or (f"{known[0].strftime('%-d %B %Y')} ({known[1]})" if known else "")),
        ("Cast", ", ".join(f"{m.name} ({m.role})" if m.role else m.name for m in series.cast)),
        ("Created by", ", ".join(f"{c.name} ({c.job})" for c in series.creators)),
        ("Countries", ", ".join(series.countries)),
        ("Genres", ", ".join(series.genres)),
        ("Based on", series.based_on or ""),
    ]
    if listing is not None:
        source = LABELS.get(listing.source, listing.source)
        rows += [(source, f"{describe(listing)} · {listing.status or 'status unknown'} · match {listing.score:.2f}"),
                 ("Poster", listing.poster or ""),
                 ("Links", "  ".join(f"{label}: {url}" for label, url in links(listing)))]
    for label, value in rows:
        if value:
            table.add_row(label, Text(value))
    return table


def announcement_panel(announcement: Announcement) -> Panel:
    """Return a terminal card for an announcement."""
    series = announcement.series
    parts: list[Table | Text] = [series_table(series)]
    if announcement.event is Event.UPDATE and announcement.changes:
        parts.insert(0, Text("Update: " + "; ".join(announcement.changes), style="bold yellow"))
    if announcement.headline:
        parts.append(Text(announcement.headline, style="italic"))
    footer = " · ".join(part for part in (announcement.source_name, announcement.source_url) if part)
    if footer:
        parts.append(Text(footer, style="dim"))
    label = news_label(announcement, update="update").upper()
    return Panel(Group(*parts), title=f"[bold]{label}[/]: {escape(series.display_title)}", title_align="left",
                 border_style="green" if announcement.event is Event.NEW else "yellow")


class ConsoleSender:
    """Print deliveries for the console destination."""

    platform = Platform.CONSOLE

    def __init__(self, console: Console | None = None, *, quiet: bool = False) -> None:
        self.console = console or Console()
        self.quiet = quiet

    async def send(self, job: DeliveryJob) -> Outcome:
        """Print the card (or the notice), or only log it when chat platforms are active."""
        if self.quiet:
            what = job.announcement.series.display_title if job.announcement else job.notice
            log.info("console delivery %s: %s", job.id, what)
        elif job.announcement is not None:
            self.console.print(announcement_panel(job.announcement))
        elif job.notice:
            self.console.print(Panel(Text(job.notice), title="notice", border_style="red"))
        return Sent(f"console:{job.id}")


def print_reply(reply: Reply, console: Console) -> None:
    """Print a command reply in the terminal."""
    match reply:
        case Message(text, ok):
            console.print(Text(text, style="" if ok else "bold red"))
        case SeriesCard(series, news):
            parts: list[Table | Text] = [series_table(series)]
            if series.synopsis:
                parts.append(Text(series.synopsis))
            elif series.listing is not None and series.listing.summary:
                source = LABELS.get(series.listing.source, series.listing.source)
                parts.append(Text.assemble(series.listing.summary, (f" ({source})", "dim")))
            for item in news:
                parts.append(Text(f"• {item.headline} {item.source_url or ''}".strip(), style="dim"))
            console.print(Panel(Group(*parts), title=Text(series.display_title, style="bold"), title_align="left"))
        case ListingCard(text, _source, listings):
            console.print(Text(text, style="bold"))
            for shown in listings:
                # The panel's title is the show's: the first line says the rest.
                facts = [str(shown.premiered.year) if shown.premiered else "", shown.channel or "",
                         shown.status or "status unknown"]
                lines = [" · ".join(fact for fact in facts if fact), shown.summary or "",
                         *(f"{label}: {url}" for label, url in links(shown)), f"Poster: {shown.poster or 'none'}"]
                console.print(Panel(Text("\n".join(line for line in lines if line)), title=Text(shown.title),
                                    title_align="left"))
        case Choices(text, hits):
            console.print(Text(text))
            for hit in hits:
                console.print(Text(f"  • {hit.title}"))
        case SeriesList(title, items, empty):
            console.print(Text(title, style="bold"))
            for series in items:
                when = series.premiere_date.isoformat() if series.premiere_date else "?"
                where = ", ".join(series.platforms)
                console.print(Text(f"  {when}  {series.display_title}  {where}".rstrip()))
            if not items:
                console.print(Text(f"  {empty}"))
        case NewsList(title, items, empty):
            console.print(Text(title, style="bold"))
            for item in items:
                console.print(Text(f"  • {item.series.display_title}: {item.headline}"))
            if not items:
                console.print(Text(f"  {empty}"))
        case FeedList(rows):
            table = Table("id", "feed", "status", "to", "seen", "next check", "last error")
            for row in rows:
                table.add_row(str(row.id), Text(row.label), row.state, Text(", ".join(row.destinations)),
                              str(row.entries_seen), row.next_check_at.strftime("%Y-%m-%d %H:%M")
                              if row.next_check_at else "", Text(row.last_error or ""))
            console.print(table if rows else Text("No feeds yet. Add one with: seriesbot feeds add URL"))
        case Preview(title, url, count, announcements, notes):
            console.print(Text(f"{title} ({url}): {count} items; {len(announcements)} would be posted now."))
            for note in notes:
                console.print(Text(note, style="dim"))
            for announcement in announcements:
                console.print(announcement_panel(announcement))
