"""The extractor's fast paths answer as the plain regex scans they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import classify, reports
from bot.extract.scan import may_hold

# The verdict scan review_roundup() stood on before it looked for the grade letter first.
_PLAIN_VERDICT = re.compile(
    r"(?-i:[a-z][.!?)”\"’']\s+[A-F][+-]?)[ \t]*$|\b(?:pilot\s+|episode\s+|our\s+)?(?:grade|rating|verdict|score)"
    r"\s*:\s*(?:[A-F][+-]?(?![\w+-])|\d(?:\.\d)?\s*(?:/|out\s+of)\s*(?:4|5|10)\b)|[★☆]{3,}",
    re.IGNORECASE | re.MULTILINE,
)
_PIECES = ["a", "z", "B", "F", "G", ".", "!", ")", "”", " ", "\t", "\n", "+", "-", "Grade: ", "rating:", "3/5",
           "★★★", "x.  A", "e.\n\nC-", "score:", "Verdict: B+", "ı", "RENEWED", "cast", " 4.1 million viewers"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_review_roundup_counts_verdicts_as_one_scan_would(text: str) -> None:
    assert classify.review_roundup(text) == (sum(1 for _ in _PLAIN_VERDICT.finditer(text)) >= 2)


def test_review_roundup_reads_grades_and_labels() -> None:
    graded = "The pilot drags.\nB-\n\nThe second show sings.\nA\n"
    assert classify.review_roundup(graded)
    assert classify.review_roundup("First: fine. Rating: 3 out of 5. Second: Grade: C+")
    assert not classify.review_roundup("Harbor Watch returns in May.\nB")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, " renew", "Axed", " ordered", "GREENLIT", " picked up"]),
                max_size=16).map("".join))
def test_news_words_skip_only_texts_the_news_search_cannot_match(text: str) -> None:
    if reports._NEWS.search(text):
        assert may_hold(text, reports._NEWS_WORDS)
