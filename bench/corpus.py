"""Synthetic entertainment news from word lists: feed items, article texts and article pages.

Everything is deterministic for a given seed, so every client of a benchmark sees the same bytes.
About one item in five is a series announcement (``Netflix Orders Drama Series “Title”``); the
rest is the news around it that must post nothing: box office, reviews, recaps, film castings.
"""

from __future__ import annotations

import html
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

PLATFORMS = ("Netflix", "HBO", "Max", "Hulu", "Apple TV+", "Prime Video", "Disney+", "Peacock", "Paramount+",
             "FX", "AMC", "Showtime", "Starz", "BBC One", "Channel 4", "ITV", "tvN", "JTBC", "SBS", "KBS2",
             "MBC", "Crunchyroll", "TV Tokyo", "Fuji TV", "Canal+", "ZDF", "Sky Atlantic", "CBS", "NBC", "ABC")
GENRES = ("Drama", "Comedy", "Thriller", "Crime Drama", "Limited", "Fantasy", "Sci-Fi", "Horror", "Romance",
          "Legal Drama", "Medical Drama", "Docuseries", "Anime", "Animated", "Period Drama", "Mystery")
FIRST = ("Emma", "Olivia", "Liam", "Noah", "Ava", "Mia", "James", "Lucas", "Sophia", "Isabella", "Ethan",
         "Amelia", "Harper", "Jack", "Henry", "Chloe", "Daniel", "Grace", "Samuel", "Zoe", "Park", "Kim",
         "Lee", "Choi", "Yuki", "Haruto", "Sakura", "Ren", "Mateo", "Lucia", "Ingrid", "Pierre", "Amara",
         "Kwame", "Priya", "Arjun", "Nadia", "Omar", "Elena", "Viktor")
LAST = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Thompson",
        "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Allen", "Seo-jun", "Ji-won", "Tanaka",
        "Suzuki", "Nakamura", "Okafor", "Mensah", "Kapoor", "Haddad", "Rossi", "Novak", "Lindqvist")
TITLE_WORDS = ("Last", "Night", "City", "House", "Secret", "Silent", "Lost", "Hidden", "Broken", "Golden",
               "Dark", "Blue", "River", "Mountain", "Winter", "Summer", "Ghost", "Kingdom", "Empire", "Garden",
               "Island", "Storm", "Fire", "Glass", "Stone", "Paper", "Hotel", "Station", "Palace", "Agency",
               "Academy", "Village", "Mystery", "Justice", "Truth", "Promise", "Memory", "Midnight", "Morning",
               "Season", "Signal", "Harbor", "Frontier", "Legacy", "Echo", "Orbit", "Crown", "Shadow", "Tide",
               "Soul", "Mate", "Doctor", "Lawyer", "Hunter", "Prince", "Teacher", "Chef", "Pilot", "Rebel")
SYLLABLES = ("ka", "ra", "mi", "son", "de", "la", "ven", "to", "ri", "na", "el", "an", "ja", "mo", "su", "ki",
             "lo", "vi", "ne", "ta", "go", "be", "zo", "ha", "ren", "dor", "sa", "lin")
CHARACTER_JOBS = ("a detective", "a young lawyer", "a chef", "a disgraced surgeon", "a retired spy",
                  "a small-town sheriff", "a rookie reporter", "a grieving mother", "an heir", "a con artist")
_FILLER_TEXT = """
the network said in a statement on tuesday that production begins this spring in several locations
and the project had been in development for more than two years before the writers room opened
executives praised the script and the cast while critics pointed to the crowded schedule of the season
the studio also confirmed a deal with the producers who previously worked on several award winning shows
industry observers expect strong ratings after the success of similar titles on other services last year
the budget was not disclosed although sources close to the production described it as substantial
fans reacted quickly on social media where the announcement trended for most of the afternoon
filming will take place in london seoul toronto and vancouver according to people familiar with the plans
the company reported quarterly results that beat expectations thanks to subscriber growth in asia
a trailer is expected later this year alongside a first look at the main characters and sets
"""
FILLER = tuple(_FILLER_TEXT.split())


@dataclass(frozen=True, slots=True)
class Story:
    """One piece of news: a headline, paragraphs of plain text, and whether it announces a series."""

    headline: str
    paragraphs: tuple[str, ...]
    announces: bool
    series_title: str | None


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()


def series_title(rng: random.Random) -> str:
    """Return an invented title of one to four words, a third of them made up so titles rarely repeat."""
    count = rng.choice((1, 2, 2, 3, 3, 4))
    return " ".join(_pseudo_word(rng) if rng.random() < 0.35 else rng.choice(TITLE_WORDS) for _ in range(count))


def _filler(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(FILLER))
    picked = [FILLER[(start + i) % len(FILLER)] for i in range(words)]
    text = " ".join(picked)
    return text[0].upper() + text[1:] + "."


def story(rng: random.Random, words: int, *, announce: bool | None = None) -> Story:
    """Return one story of about `words` words; one in five announces a series unless `announce` says."""
    platform, genre, title = rng.choice(PLATFORMS), rng.choice(GENRES), series_title(rng)
    star, creator, co_star = _name(rng), _name(rng), _name(rng)
    month = rng.choice(("January", "February", "March", "April", "May", "June", "July", "September",
                        "October", "November"))
    day, year = rng.randint(1, 28), rng.choice((2026, 2027))
    announces = rng.random() < 0.2 if announce is None else announce
    if announces:
        headline = rng.choice((
            f"{platform} Orders {genre} Series “{title}”",
            f"“{title}”: {platform} Greenlights {genre} Series From {creator}",
            f"{star} to Star in {platform}’s New {genre} Series “{title}”",
            f"{platform} Sets {month} {day} Premiere for New Series “{title}”",
        ))
        lead = (f"{platform} has ordered “{title}”, a new {genre.lower()} series created by {creator}. "
                f"{star} stars as {rng.choice(CHARACTER_JOBS)}, with {co_star} in a supporting role. "
                f"The series premieres on {month} {day}, {year}.")
    else:
        film = series_title(rng)
        headline, lead = rng.choice((
            (f"Box Office: “{film}” Tops Weekend With ${rng.randint(8, 160)} Million",
             f"“{film}” led the weekend box office, ahead of two holdovers, in its {month} opening."),
            (f"“{title}” Season {rng.randint(2, 6)} Episode {rng.randint(1, 10)} Recap: The Long Goodbye",
             f"This week’s episode of “{title}” brought back {star} for a tense reunion."),
            (f"Review: “{film}” Is a Handsome but Hollow Period Piece",
             f"{star} gives the film its only spark in a story that never finds its footing."),
            (f"{star} Joins the Cast of {creator}’s Film “{film}”",
             f"{star} has joined the feature film “{film}”, which shoots in {month} for a {year} release."),
            (f"{platform} Reports Subscriber Growth in Its Latest Quarter",
             f"{platform} added subscribers in the quarter, helped by returning hits such as “{title}”."),
        ))
    paragraphs = [lead]
    remaining = max(0, words - len(lead.split()))
    while remaining > 0:
        size = min(remaining, rng.randint(25, 60))
        paragraphs.append(_filler(rng, size))
        remaining -= size
    return Story(headline, tuple(paragraphs), announces, title if announces else None)


# Feeds


def feed_item_words(feed_index: int) -> int:
    """Return the words per item of a feed, chosen so that its 20 items make 10 to 40 KB of RSS."""
    return random.Random(feed_index * 7919).randint(45, 230)


@dataclass(frozen=True, slots=True)
class RenderedItem:
    """A feed item as RSS, with the guid (its link) and headline a seeding cycle would remember."""

    xml: str
    link: str
    headline: str


def rss_item(feed_index: int, sequence: int, published: datetime, *, announce: bool | None = None) -> RenderedItem:
    """Return the sequence-th item a feed ever published (deterministic)."""
    rng = random.Random(feed_index * 1_000_003 + sequence)
    news = story(rng, feed_item_words(feed_index), announce=announce)
    link = f"https://news{feed_index % 97}.example/{feed_index}/{sequence}/{rng.getrandbits(32):08x}"
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in news.paragraphs)
    category = "TV" if news.announces or rng.random() < 0.5 else "Film"
    xml = (f"<item><title>{html.escape(news.headline)}</title><link>{link}</link>"
           f"<guid isPermaLink=\"true\">{link}</guid><pubDate>{format_datetime(published, usegmt=True)}</pubDate>"
           f"<dc:creator>{_name(rng)}</dc:creator><category>{category}</category><category>News</category>"
           f"<media:thumbnail url=\"https://img{feed_index % 13}.example/{feed_index}/{sequence}.jpg\"/>"
           f"<description><![CDATA[{body}]]></description></item>")
    return RenderedItem(xml, link, news.headline)


def rss_document(feed_index: int, items: list[str], updated: datetime) -> bytes:
    """Return a whole RSS 2.0 document from pre-rendered items (newest first)."""
    head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
            f"<title>Entertainment Wire {feed_index}</title><link>https://news{feed_index % 97}.example/</link>"
            f"<description>TV and film news, desk {feed_index}</description><language>en-us</language>"
            f"<lastBuildDate>{format_datetime(updated, usegmt=True)}</lastBuildDate>")
    return (head + "".join(items) + "</channel></rss>").encode()


# Articles


def article(index: int, words: int = 450) -> Story:
    """Return the index-th synthetic article (announcements and other news, as in the feeds)."""
    return story(random.Random(50_000_000 + index), words)


def article_text(news: Story) -> str:
    """Return the article as a plain-text file: the headline first, then the paragraphs."""
    return news.headline + "\n\n" + "\n\n".join(news.paragraphs) + "\n"


def article_page(news: Story, index: int, published: datetime) -> str:
    """Return the article as a news-site HTML page with navigation, sidebar, scripts and footer."""
    return news_page(news.headline, news.paragraphs, index, published)


def news_page(headline: str, paragraphs: Sequence[str], index: int, published: datetime) -> str:
    """Return a headline and paragraphs as a news-site HTML page with navigation, sidebar, scripts, footer."""
    rng = random.Random(index)
    nav = "".join(f"<li><a href=\"/section/{word.lower()}\">{word}</a></li>" for word in rng.sample(TITLE_WORDS, 12))
    related = "".join(f"<li><a href=\"/news/{rng.randrange(10**6)}\">{html.escape(story(rng, 5).headline)}</a></li>"
                      for _ in range(8))
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    script = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * 20
    stamp = published.isoformat()
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(headline)} | Entertainment Wire</title>"
        f"<meta property=\"og:title\" content=\"{html.escape(headline)}\">"
        f"<meta property=\"og:image\" content=\"https://img.example/{index}.jpg\">"
        f"<meta property=\"article:published_time\" content=\"{stamp}\">"
        f"<script>{script}</script><style>{'body{margin:0}.nav li{display:inline}' * 40}</style></head>"
        f"<body><header><nav class=\"nav\"><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{html.escape(headline)}</h1>"
        f"<div class=\"byline\">By {_name(rng)} · <time datetime=\"{stamp}\">{stamp[:10]}</time></div>"
        f"<div class=\"article-body\">{body}</div></article>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        "<footer><p>© Entertainment Wire. All rights reserved.</p><ul><li>Privacy</li><li>Terms</li></ul></footer>"
        f"<script>{script}</script></body></html>"
    )
