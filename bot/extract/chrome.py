"""Drop the furniture of a web page that a copied article carries: tag and category lines, and section headings
that name a part of the page ("Cast and Characters", "Release Date") rather than a show."""

from __future__ import annotations

import re

# A label line of the page ("Tags: A, B", "Filed Under: TV News", "Category" over its value): the label, what stands
# after it on its line, and, where the label stands alone, the one short line of values under it.
_LABEL = re.compile(
    r"^[ \t]*(?:tags?|tagged(?:\s+(?:with|in|as))?|categor(?:y|ies)|filed\s+(?:under|in)|posted\s+(?:in|under)"
    r"|topics?|keywords?|more\s+on)[ \t]*(?:[:|][ \t]*\S[^\n]*$|:?[ \t]*$(?:\n(?![^\n]*[.!?][”\"’']?[ \t]*$)"
    r"[^\n]{1,200}$)?)",
    re.IGNORECASE | re.MULTILINE,
)
# A heading line of the parts of a series guide: the whole line is one of these (maybe with a colon or "?").
_HEADING = re.compile(
    r"^[ \t]*(?:cast(?:\s+(?:and|&)\s+(?:characters|crew))?|characters|plot(?:\s+(?:details|summary))?|synopsis"
    r"|story(?:line)?|(?:release|premiere|air)\s+dates?(?:\s+(?:and|&)\s+(?:time|platform))?|trailers?"
    r"|where\s+to\s+(?:watch|stream)|how\s+to\s+(?:watch|stream)|episodes?(?:\s+(?:guide|list))?"
    r"|what\s+we\s+know(?:\s+so\s+far)?|(?:read|see)\s+(?:more|also)|related(?:\s+(?:stories|articles|posts|news"
    r"|content|coverage))?|more\s+from\s+[^\n]{1,40}|trending(?:\s+now)?|most\s+popular|you\s+may\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|share\s+this(?:\s+(?:article|story|post))?|latest\s+(?:news|stories)"
    # An award category over its nominees: "Best Drama Series", "Outstanding Lead Actress, Comedy".
    # A film category is left: its words tell a film article.
    r"|(?:best|outstanding)\s+(?![^\n]*\b(?:film|movie|motion\s+picture|picture|feature)s?\b)[^\n:]{0,60}?"
    r"\b(?:series|drama|comedy|actor|actress|performance|miniseries|show|program(?:me)?|writing|directing)\b"
    r"[^\n.!?:]{0,40})"
    r"[ \t]*[:?]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def drop_page_chrome(text: str) -> str:
    """Return the text without its page labels and guide headings (the lines around them kept as they are)."""
    if "\n" not in text:
        return text
    text = _LABEL.sub("", text)
    return _HEADING.sub("", text)
