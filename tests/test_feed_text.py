"""Feed HTML to plain text: markup of plain tags skips HTMLParser and must read exactly as HTMLParser reads it."""

from __future__ import annotations

import html
import random

import pytest

from bot.feeds import text
from bot.feeds.text import html_to_text

PIECES = (
    "<p>", "</p>", "<br>", "<br/>", "<br />", "<BR>", '<P class="lead">', "<div id='a b'>", "</div>", "<b>", "</b>",
    '<a href="https://x.test/a?b=1&amp;c=2">', "</a>", "<a href=x/>", '<img src="y.jpg" alt=""/>', "<em >", "</em >",
    "<li>", "</li>", "<h2>", "</h2>", "<script>", "</script>", "<!-- note -->", "<", ">", "&", "&amp;", "&amp;amp;",
    "&lt;", "&#8217;", "&nbsp;", "&am", "p;", "lt;", " ", "\n", "\t", "Harbour Lights", "“Quay”", "a < b", "<p/>",
    "</p class=x>", '<a href="x>y">', "<a title='it's'>", "<input disabled>", "<1>", "</>", "< p>", "<p\nclass=x>",
    "&#x41;", "&#65", "é", "<tr>", "<style>a{}</style>", "<noscript>", "<a href=`x`>", "<a =x>", "<x:y>",
)


def _by_html_parser(markup: str) -> str:
    collector = text._TextCollector()
    collector.feed(markup)
    collector.close()
    return text._tidy(html.unescape("".join(collector.parts)))


@pytest.mark.parametrize("markup", [
    "<p>Netflix has ordered “Harbour Lights”.</p><p>It stars Mara Quill.</p>",
    "<p>AT&amp;T<br/>and <b>HBO</b></p>",
    '<div class="body"><p>One</p><br />Two &amp;amp; three</div>',
    "<p>a < b</p>",
    "<p>kept</p><script>dropped()</script>",
    "<p>kept</p><!-- dropped -->",
])
def test_plain_markup_reads_as_html_parser_reads_it(markup: str) -> None:
    assert html_to_text(markup) == _by_html_parser(markup)


def test_random_markup_reads_as_html_parser_reads_it() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        markup = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        assert html_to_text(markup) == _by_html_parser(markup), markup
