"""parse_article and read_text_file on small pages written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.extract.article import ArticlePage, parse_article, read_text_file

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Fallback title | Example News</title>
  <meta property="og:title" content="OpenGraph headline">
  <meta property="og:image" content="https://news.example/img/og-card.jpg">
  <meta property="og:site_name" content="Example News">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "NewsArticle",
   "headline": "Netflix Orders Mystery Series ‘Paper Lanterns’",
   "image": ["https://news.example/img/lanterns.jpg"],
   "datePublished": "2025-03-04T09:30:00+09:00",
   "publisher": {"@type": "Organization", "name": "Example News"}}
  </script>
</head>
<body>
  <nav><a href="/">Home</a><a href="/tv">TV</a></nav>
  <article>
    <h1>Netflix Orders Mystery Series ‘Paper Lanterns’</h1>
    <p>Netflix has ordered “Paper Lanterns,” a mystery series set in a lantern workshop in Kyoto.</p>
    <p>Mori Kaede will star as the workshop owner, and the series is written by Abe Jun.</p>
    <p>The eight episodes will premiere next spring on the streamer worldwide.</p>
  </article>
  <footer>Copyright Example News</footer>
</body>
</html>
"""

OG_ONLY = """<html><head>
<meta property="og:title" content="Crunchyroll Sets Premiere for ‘Iron Petals’">
<meta property="og:image" content="https://anime.example/iron-petals.png">
<meta property="article:published_time" content="2025-06-01T12:00:00Z">
</head><body><main><p>Crunchyroll will stream the anime “Iron Petals” from July 5.</p>
<p>Studio Kumo animates the series.</p></main></body></html>"""


def test_json_ld_metadata_and_main_text() -> None:
    page = parse_article(PAGE, url="https://news.example/tv/paper-lanterns")
    assert isinstance(page, ArticlePage)
    assert page.headline == "Netflix Orders Mystery Series ‘Paper Lanterns’"
    assert page.image == "https://news.example/img/lanterns.jpg"
    assert page.published == datetime(2025, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=9)))
    assert page.published is not None and page.published.tzinfo is not None
    assert page.site_name == "Example News"
    assert "Mori Kaede will star" in page.text
    assert "lantern workshop in Kyoto" in page.text
    assert "Copyright" not in page.text


def test_opengraph_fallback() -> None:
    page = parse_article(OG_ONLY)
    assert page.headline == "Crunchyroll Sets Premiere for ‘Iron Petals’"
    assert page.image == "https://anime.example/iron-petals.png"
    assert page.published == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert "Studio Kumo animates the series." in page.text


def test_json_ld_graph_and_broken_blocks() -> None:
    html = PAGE.replace(
        '<script type="application/ld+json">',
        '<script type="application/ld+json">{not json</script>\n<script type="application/ld+json">',
        1,
    ).replace('{"@context": "https://schema.org", "@type": "NewsArticle",',
              '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle",', 1)
    html = html.replace('"name": "Example News"}}', '"name": "Example News"}}]}', 1)
    page = parse_article(html)
    assert page.headline == "Netflix Orders Mystery Series ‘Paper Lanterns’"
    assert page.image == "https://news.example/img/lanterns.jpg"


def test_naive_times_are_read_as_utc() -> None:
    page = parse_article(PAGE.replace("2025-03-04T09:30:00+09:00", "2025-03-04T09:30:00"))
    assert page.published == datetime(2025, 3, 4, 9, 30, tzinfo=UTC)


def test_pure_on_garbage() -> None:
    page = parse_article("")
    assert page.text == "" and page.headline is None
    assert parse_article("<html><body></body></html>").text == ""


def test_read_text_file_plain() -> None:
    headline, body = read_text_file("\n\n  ‘Paper Lanterns’ Ordered at Netflix  \n\nFirst paragraph.\nSecond.\n")
    assert headline == "‘Paper Lanterns’ Ordered at Netflix"
    assert body == "First paragraph.\nSecond."


def test_read_text_file_detects_html() -> None:
    headline, body = read_text_file(PAGE)
    assert headline == "Netflix Orders Mystery Series ‘Paper Lanterns’"
    assert "Mori Kaede" in body
    headline, body = read_text_file("<div><p>Intro</p></div><body><p>Body text here.</p></body>")
    assert "Body text here." in body
