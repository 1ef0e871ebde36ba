"""Terminal cards: what kind of news each one is, and the season when there is one."""

from __future__ import annotations

from rich.console import Console

from bot.console import announcement_panel
from bot.model import Announcement, Event, Series, Status


def printed(announcement: Announcement) -> str:
    console = Console(width=100, color_system=None)
    with console.capture() as captured:
        console.print(announcement_panel(announcement))
    return captured.get()


def test_a_later_season_heard_of_first_is_labelled_by_season_and_status() -> None:
    series = Series(title="Harbor Lights", platforms=("tvN",), status=Status.RENEWED, season=4)
    text = printed(Announcement(series, Event.NEW, "Harbor Lights Renewed For Season 4"))
    assert "SEASON 4 · RENEWED: Harbor Lights" in text
    assert "NEW SERIES" not in text
    assert any(line.strip("│ ").split() == ["Season", "4"] for line in text.splitlines())


def test_new_series_and_updates_keep_their_labels() -> None:
    series = Series(title="Harbor Lights", platforms=("tvN",))
    assert "NEW SERIES: Harbor Lights" in printed(Announcement(series, Event.NEW, "x"))
    update = Announcement(Series(title="Harbor Lights", season=2), Event.UPDATE, "x", changes=("Season 2 renewed",))
    text = printed(update)
    assert "UPDATE: Harbor Lights" in text and "Update: Season 2 renewed" in text
