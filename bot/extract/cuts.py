"""Drop the half word or half name a feed summary is cut in before its ellipsis ("starring A and Leo Br…")."""

from __future__ import annotations

import re

# A run of one to three capitalised words right before the ellipsis that ends a summary (and any "Continue reading"
# or "The post ... appeared first on" after it), after a word, comma or "and" that shows the run is the last item
# of a clause: the cut may have fallen inside it, so it is no name and no title.
_CUT_RUN = re.compile(
    r"(?<=[a-z,;:] )(?P<run>(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*)\s*(?:…|\.\.\.|\[(?:…|\.\.\.)\])"
    r"(?=\s*(?:(?:Continue\s+reading|Read\s+more|The\s+post)\b.*)?\s*$)",
    re.DOTALL,
)


def drop_cut_run(text: str) -> str:
    """Return the text without the capitalised run a truncating ellipsis ends it on."""
    tail = max(0, len(text) - 1200)
    if "…" not in text[tail:] and "..." not in text[tail:]:
        return text
    found = _CUT_RUN.search(text, tail)
    if found is None:
        return text
    return text[: found.start("run")].rstrip() + " " + text[found.end("run") :].lstrip()
