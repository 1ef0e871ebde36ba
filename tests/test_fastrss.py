"""The lxml fast path for plain RSS 2.0 reads every feed it accepts exactly as feedparser does."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.feeds.parse as parse_module
from bot.feeds.fastrss import parse_rss
from bot.feeds.parse import MAX_ENTRIES, ParsedFeed, parse_feed

NAMESPACES = ('xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
              'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"')


def rss(*items: str, channel: str = "<title>News &amp; Views</title><link>https://news.test/</link>",
        declaration: str = '<?xml version="1.0" encoding="UTF-8"?>', root: str = "") -> bytes:
    body = "".join(f"<item>{item}</item>" for item in items)
    return f'{declaration}<rss version="2.0" {NAMESPACES}{root}><channel>{channel}{body}</channel></rss>'.encode()


READ_FAST = {
    "description only": rss("<title>Netflix Orders ‘Moon’</title><link>https://news.test/1</link>"
                            "<guid>https://news.test/1</guid><description>Plain &amp; simple.</description>"
                            "<pubDate>Mon, 02 Nov 2026 09:00:00 +0100</pubDate>"),
    "content only, guid as link": rss("<title> Padded title </title><guid> https://news.test/2 </guid>"
                                      "<content:encoded><![CDATA[<p>Body <b>bold</b></p><p>Two</p>]]>"
                                      "</content:encoded>"),
    "both, guid not a permalink": rss("<title><![CDATA[Hello <b>World</b>]]></title><link>https://news.test/3</link>"
                                      '<guid isPermaLink="false">tag:news.test,3</guid>'
                                      "<description>&lt;p&gt;Lead&lt;/p&gt;</description>"
                                      "<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>"
                                      "<pubDate>Tue, 03 Nov 2026 23:30:00 GMT</pubDate>"),
    "categories, creator, media": rss("<title>A</title><link>https://news.test/4?utm_source=x</link>"
                                      "<category>TV</category><category> News </category>"
                                      "<dc:creator>Jane Writer</dc:creator>"
                                      '<media:thumbnail url="https://img.test/4.jpg" width="10"/>'
                                      "<comments>https://news.test/4#c</comments><slash:comments>3</slash:comments>"
                                      "<pubDate>Wed, 04 Nov 2026 01:02:03 -0500</pubDate>"),
    "image enclosure": rss('<title>B</title><link>https://news.test/5</link>'
                           '<enclosure url="https://img.test/5.png" type="image/png" length="1"/>'
                           '<enclosure url="https://cdn.test/5.mp3" type="audio/mpeg" length="1"/>'),
    "no guid, no link": rss("<title>Only a title</title><description>text</description>",
                            "<title>Second</title><pubDate>Thu, 05 Nov 2026 09:00:00 +0000</pubDate>"),
    "empty channel title": rss("<title>C</title><link>https://news.test/6</link>", channel="<title></title>"),
}
FEEDPARSER_ONLY = {
    "an element outside the list": rss("<title>A</title><itunes:duration>3</itunes:duration>"),
    "markup inside the title": rss("<title>Hello <b>World</b></title>"),
    "a relative link": rss("<title>A</title><link>/news/1</link>"),
    "xml:base": rss("<title>A</title><link>https://news.test/1</link>", root=' xml:base="https://news.test/"'),
    "an HTML entity": rss("<title>A&nbsp;B</title>"),
    "two titles": rss("<title>A</title><title>B</title>"),
    "an unreadable date": rss("<title>A</title><pubDate>sometime soon</pubDate>"),
    "a permalink guid and another link": rss("<title>A</title><guid>https://news.test/a</guid>"
                                             "<link>https://news.test/b</link>"),
    "a category with a domain": rss('<title>A</title><category domain="x">TV</category>'),
    "another encoding": rss("<title>A</title>", declaration='<?xml version="1.0" encoding="ISO-8859-1"?>'),
    "Atom": b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b"<entry><title>A</title><id>1</id></entry></feed>",
    "RSS 0.91": b'<?xml version="1.0"?><rss version="0.91"><channel><title>T</title>'
                b"<item><title>A</title></item></channel></rss>",
    "not XML": b"<rss version='2.0'><channel><title>T</title><item><title>A & B</item></channel></rss>",
}
DEMO = sorted((Path(__file__).parent.parent / "bot" / "data" / "demo").glob("*.xml"))


def by_feedparser(body: bytes, monkeypatch: pytest.MonkeyPatch) -> ParsedFeed:
    with monkeypatch.context() as patch:
        patch.setattr(parse_module, "parse_rss", lambda *args: None)
        return parse_feed(body, "https://news.test/feed")


@pytest.mark.parametrize("body", READ_FAST.values(), ids=READ_FAST.keys())
def test_the_fast_path_reads_plain_rss_as_feedparser_does(body: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_rss(body, "https://news.test/feed", {}, MAX_ENTRIES)
    fast = parse_feed(body, "https://news.test/feed")
    assert fast.entries and fast == by_feedparser(body, monkeypatch)


@pytest.mark.parametrize("body", FEEDPARSER_ONLY.values(), ids=FEEDPARSER_ONLY.keys())
def test_anything_unsure_is_left_to_feedparser(body: bytes) -> None:
    assert parse_rss(body, "https://news.test/feed", {}, MAX_ENTRIES) is None


def test_a_charset_other_than_utf8_is_left_to_feedparser() -> None:
    body = READ_FAST["description only"]
    headers = {"Content-Type": "application/rss+xml; charset=windows-1252"}
    assert parse_rss(body, "https://news.test/feed", headers, 10) is None


@pytest.mark.parametrize("path", DEMO, ids=lambda path: path.name)
def test_the_demo_feeds_read_the_same_either_way(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = path.read_bytes()
    assert parse_feed(body, "https://news.test/feed") == by_feedparser(body, monkeypatch)
