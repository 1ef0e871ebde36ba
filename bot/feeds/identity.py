"""Stable identity for feed items, and links without tracking parameters."""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "ga_")
_TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid", "ncid",
    "_hsenc", "_hsmi", "mkt_tok", "soc_src", "soc_trk", "smid", "sr_share",
})


def canonical_link(link: str) -> str:
    """Return the link with tracking parameters and the fragment removed, host lower-cased."""
    parts = urlsplit(link.strip())
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_NAMES
    ]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def entry_identity(guid: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """Return the guid, else the canonical link, else a hash of title and date."""
    if guid and guid.strip():
        return "id:" + guid.strip()[:1000]
    if link and link.strip():
        return "link:" + canonical_link(link)[:1000]
    stamp = published.isoformat() if published else ""
    digest = hashlib.sha256(f"{title.strip()}\n{stamp}".encode()).hexdigest()
    return "hash:" + digest
