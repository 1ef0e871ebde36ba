"""Parsing: every feed format, and a clear error for whatever is not a feed."""

import json

import pytest

from bot.feeds.parse import NotAFeed, parse_feed
from tests.fakes.feed_server import rss

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
 <title>Atom Test</title><id>urn:test</id><updated>2026-11-01T00:00:00Z</updated>
 <entry><id>urn:entry:1</id><title>First &amp; best</title><link rel="alternate" href="https://a.test/1"/>
  <published>2026-11-02T10:00:00+09:00</published><updated>2026-11-02T10:00:00+09:00</updated>
  <media:group><media:thumbnail url="https://a.test/1.jpg"/><media:description>Cast: A, B</media:description>
  </media:group></entry>
</feed>"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://r.test/"><title>RSS One</title><link>https://r.test/</link>
  <description>d</description></channel>
 <item rdf:about="https://r.test/1"><title>Item one</title><link>https://r.test/1</link>
  <dc:date>2026-11-03T00:00:00Z</dc:date></item>
</rdf:RDF>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"""


def test_rss2_items_keep_identity_text_and_image() -> None:
    body = rss([{"title": "Hello &amp;amp; welcome", "link": "https://f.test/a?utm_source=x",
                 "guid": "g-1", "pubDate": "Mon, 02 Nov 2026 09:00:00 +0000",
                 "description": "&lt;p&gt;Para one.&lt;/p&gt;&lt;p&gt;Para two.&lt;/p&gt;"}])
    parsed = parse_feed(body.encode(), "https://f.test/rss")
    (entry,) = parsed.entries
    assert parsed.title == "Test Feed"
    assert entry.identity == "id:g-1"
    assert entry.title == "Hello & welcome"
    assert entry.summary == "Para one.\n\nPara two."
    assert entry.published is not None and entry.published.isoformat() == "2026-11-02T09:00:00+00:00"


def test_identity_falls_back_to_canonical_link_then_hash() -> None:
    body = rss([{"title": "A", "link": "https://f.test/a?utm_medium=rss&id=3#top"}, {"title": "B"}])
    first, second = parse_feed(body.encode(), "u").entries
    assert first.identity == "link:https://f.test/a?id=3"
    assert second.identity.startswith("hash:")


def test_atom_with_media_description() -> None:
    parsed = parse_feed(ATOM.encode(), "https://a.test/atom")
    (entry,) = parsed.entries
    assert entry.title == "First & best"
    assert entry.image == "https://a.test/1.jpg"
    assert "Cast: A, B" in entry.summary + entry.content
    assert entry.published is not None and entry.published.hour == 1


def test_rss1() -> None:
    (entry,) = parse_feed(RSS1.encode(), "https://r.test/").entries
    assert entry.title == "Item one" and entry.link == "https://r.test/1"


def test_json_feed() -> None:
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J",
                       "items": [{"id": 7, "url": "https://j.test/7", "title": "Seven",
                                  "content_html": "<b>bold</b> text", "date_published": "2026-11-01T00:00:00Z",
                                  "tags": ["tv"], "image": "https://j.test/7.png"}]})
    (entry,) = parse_feed(body.encode(), "https://j.test/feed.json").entries
    assert (entry.identity, entry.title, entry.content, entry.image) == ("id:7", "Seven", "bold text",
                                                                        "https://j.test/7.png")
    assert entry.categories == ("tv",)


@pytest.mark.parametrize(("body", "message"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "HTML page"),
    (b"\x00\x01\x02garbage\xff", "not an RSS, Atom or JSON feed"),
    (b'{"hello": "world"}', "not a JSON Feed"),
    (b"{broken json", "cannot be read"),
])
def test_things_that_are_not_feeds(body: bytes, message: str) -> None:
    with pytest.raises(NotAFeed, match=message):
        parse_feed(body, "https://x.test/")


def test_billion_laughs_does_not_expand() -> None:
    try:
        parsed = parse_feed(BILLION_LAUGHS.encode(), "https://x.test/")
    except NotAFeed:
        return
    assert all(len(entry.title) < 10_000 for entry in parsed.entries)


def test_malformed_xml_still_yields_what_it_can() -> None:
    body = rss([{"title": "Good item", "guid": "1"}]).replace("</channel></rss>", "<item><title>Broken")
    parsed = parse_feed(body.encode(), "https://x.test/")
    assert parsed.entries[0].title == "Good item"


def test_non_utf8_feed_is_decoded_from_its_declaration() -> None:
    body = rss([{"title": "Caf\u00e9 n\u00famero", "guid": "1"}]).replace("UTF-8", "ISO-8859-1")
    parsed = parse_feed(body.encode("iso-8859-1"), "https://x.test/")
    assert parsed.entries[0].title == "Caf\u00e9 n\u00famero"
