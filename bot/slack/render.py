"""Render the neutral command replies (bot.replies) as Block Kit."""

from __future__ import annotations

from bot.enrich.view import LABELS
from bot.model import Listing
from bot.replies import (
    Choices,
    FeedList,
    FeedRow,
    ListingCard,
    Message,
    NewsList,
    Preview,
    Reply,
    SeriesCard,
    SeriesList,
)
from bot.slack.blocks import (
    MAX_FALLBACK,
    MAX_TEXT,
    Block,
    Rendered,
    announcement_blocks,
    button,
    cap,
    context,
    header,
    image,
    links_line,
    poster,
    section,
    series_fields,
)
from bot.slack.text import clean, core_text, date_token, escape, link, moment_token, mrkdwn, shorten

PICK_ACTION = "series_pick"


def render_reply(reply: Reply) -> Rendered:
    """Return the blocks and fallback text for any command reply."""
    match reply:
        case Message():
            return _message(reply)
        case SeriesCard():
            return _card(reply)
        case ListingCard():
            return _listing_card(reply)
        case Choices():
            return _choices(reply)
        case SeriesList():
            return _series_list(reply)
        case NewsList():
            return _news_list(reply)
        case FeedList():
            return _feed_list(reply)
        case Preview():
            return _preview(reply)


def _fallback(text: str) -> str:
    return shorten(escape(clean(text)), MAX_FALLBACK) or "seriesbot"


def _message(reply: Message) -> Rendered:
    body = core_text(reply.text, MAX_TEXT - 12)
    shown = body if reply.ok else f":warning: {body}"
    return Rendered(shorten(body, MAX_FALLBACK) or "seriesbot", [section(shown)])


def _card(reply: SeriesCard) -> Rendered:
    series = reply.series
    about = mrkdwn(series.synopsis or (series.listing.summary if series.listing else None), 1200, lines=True)
    fields = series_fields(series)
    blocks: list[Block] = [header(series.display_title),
                           section(about or (None if fields else "_No details known yet._"), fields,
                                   image(poster(series) or series.image, series.display_title))]
    if series.listing:
        blocks.append(context(links_line(series.listing)))
    if reply.news:
        lines = [f"• {link(item.source_url, item.headline or 'news', 250)}"
                 + (f" · {date_token(item.published.date())}" if item.published else "")
                 for item in reply.news]
        blocks.append(section(_lines("*Latest news*", lines)))
    return Rendered(_fallback(series.display_title), cap(blocks))


def _listing_card(reply: ListingCard) -> Rendered:
    blocks: list[Block] = [section(mrkdwn(reply.text, MAX_TEXT))]
    for listing in reply.listings:
        blocks.append({"type": "divider"})
        blocks.extend(_listing_blocks(listing))
    return Rendered(_fallback(reply.text), cap(blocks))


def _listing_blocks(listing: Listing) -> list[Block]:
    facts = [("Network", listing.channel), ("Status", listing.status),
             ("Premiere", date_token(listing.premiered) if listing.premiered else None),
             ("Genres", ", ".join(listing.genres))]
    fields = [f"*{name}*\n{value if name == 'Premiere' else mrkdwn(value, 300)}" for name, value in facts if value]
    about = mrkdwn(listing.summary, 1200, lines=True)
    source = LABELS.get(listing.source, listing.source)
    return [header(listing.title),
            section(about or (None if fields else "_No details._"), fields or None,
                    image(listing.poster, listing.title)),
            context(links_line(listing), f"From {source}, not from the news")]


def _choices(reply: Choices) -> Rendered:
    blocks: list[Block] = [section(mrkdwn(reply.text, MAX_TEXT))]
    for hit in reply.hits[:20]:
        # One section per candidate keeps each button's action_id unique within its block.
        blocks.append(section(_bold(hit.title, 500) or "Untitled",
                              accessory=button("Show", PICK_ACTION, str(hit.series_id))))
    return Rendered(_fallback(reply.text), cap(blocks))


def _series_list(reply: SeriesList) -> Rendered:
    lines = []
    for series in reply.series:
        when = date_token(series.premiere_date, "{date_short}") if series.premiere_date else "date unknown"
        where = mrkdwn(", ".join(series.platforms), 200)
        lines.append(f"• {when} · {_bold(series.display_title, 300) or 'Untitled'}" + (f" · {where}" if where else ""))
    rendered = _listing(reply.title, lines, reply.empty_text)
    if reply.calendar_url:
        calendar = context(link(reply.calendar_url, "Add these premieres to your calendar", 200))
        return Rendered(rendered.text, cap([*rendered.blocks, calendar]))
    return rendered


def _news_list(reply: NewsList) -> Rendered:
    lines = [f"• {_bold(item.series.display_title, 300) or 'Untitled'}: "
             f"{link(item.source_url, item.headline or 'news', 300)}" for item in reply.announcements]
    return _listing(reply.title, lines, reply.empty_text)


def _feed_list(reply: FeedList) -> Rendered:
    if not reply.rows:
        return Rendered("No feeds here yet.", [section("No feeds here yet. Add one with `/feeds add URL`.")])
    blocks = [section("*Feeds* (use the number with `/feeds remove`, `pause` or `resume`)")]
    blocks.extend(section(_feed_row(row)) for row in reply.rows)
    return Rendered(f"{len(reply.rows)} feed(s)", cap(blocks))


def _feed_row(row: FeedRow) -> str:
    lines = [f"*{row.id}* · {link(row.url, row.label, 300)} · _{escape(row.state)}_",
             "To: " + (core_text(", ".join(row.destinations), 800) or "nowhere"),
             f"Filters: {mrkdwn(row.filters, 600)}",
             f"Items seen: {row.entries_seen}"
             + (f" · next check {moment_token(row.next_check_at)}" if row.next_check_at else "")]
    if row.last_error:
        lines.append(f"Last error: {mrkdwn(row.last_error, 500)}")
    return "\n".join(lines)


def _preview(reply: Preview) -> Rendered:
    summary = (f"{_bold(reply.feed_title, 300) or 'This feed'} ({link(reply.url, reply.url, 300)}): "
               f"{reply.entries} items; "
               f"{len(reply.announcements)} would be posted now. Nothing was posted.")
    blocks: list[Block] = [section(summary)]
    notes = [mrkdwn(note, 500) for note in reply.notes]
    if any(notes):
        blocks.append(context(*notes))
    for item in reply.announcements:
        blocks.append({"type": "divider"})
        blocks.extend(announcement_blocks(item, images=False).blocks)
    fallback = f"{reply.feed_title}: {len(reply.announcements)} announcement(s) would be posted"
    return Rendered(_fallback(fallback), cap(blocks))


def _listing(title: str, lines: list[str], empty: str) -> Rendered:
    heading = _bold(title, 300) or "*Results*"
    if not lines:
        return Rendered(_fallback(f"{title}: {empty}"), [section(f"{heading}\n{mrkdwn(empty, 500)}")])
    return Rendered(_fallback(title), cap([section(_lines(heading, lines))]))


def _bold(text: str, limit: int) -> str:
    value = mrkdwn(text, limit)
    return f"*{value}*" if value else ""


def _lines(title: str, lines: list[str]) -> str:
    """Join lines under a title, leaving out whole lines rather than cutting one when too long."""
    text = title
    for index, line in enumerate(lines):
        more = f"\n… and {len(lines) - index} more"
        if len(text) + 1 + len(line) + len(more) > MAX_TEXT:
            return text + more
        text += "\n" + line
    return text
