"""How a listing reads on a card: links, a one-line description, the premiere when the news gave none."""

from __future__ import annotations

from datetime import date

from bot.model import Listing, Series


def links(listing: Listing) -> list[tuple[str, str]]:
    """Return (label, URL) for the listing's pages: TVmaze, TMDB, IMDb, TheTVDB, official site."""
    ids = listing.ids
    found: list[tuple[str, str]] = []
    if ids.tvmaze:
        url = listing.url if listing.source == "tvmaze" and listing.url else f"https://www.tvmaze.com/shows/{ids.tvmaze}"
        found.append(("TVmaze", url))
    if ids.tmdb:
        found.append(("TMDB", f"https://www.themoviedb.org/tv/{ids.tmdb}"))
    if ids.imdb:
        found.append(("IMDb", f"https://www.imdb.com/title/{ids.imdb}/"))
    if ids.thetvdb:
        found.append(("TheTVDB", f"https://thetvdb.com/dereferrer/series/{ids.thetvdb}"))
    if listing.official_site:
        found.append(("Official site", listing.official_site))
    return found


def describe(listing: Listing) -> str:
    """Return 'Title (2027, Netflix)' for one-line answers."""
    details = [str(listing.premiered.year) if listing.premiered else "", listing.channel or ""]
    shown = ", ".join(part for part in details if part)
    return f"{listing.title} ({shown})" if shown else listing.title



def database_premiere(series: Series) -> tuple[date, str] | None:
    """Return the database's premiere date and its name, shown only when the news gave no date or words."""
    listing = series.listing
    if series.premiere_date or series.premiere_text or listing is None or listing.premiered is None:
        return None
    return listing.premiered, LABELS.get(listing.source, listing.source)


LABELS = {"tvmaze": "TVmaze", "tmdb": "TMDB"}
