"""Per-subscription filters: which announcements a channel wants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.model import Announcement, Kind
from bot.names import fold

MAX_FILTER_VALUES = 20
MAX_FILTER_LENGTH = 60
MAX_FILTER_TEXT = 1500
FILTER_NAMES = ("platforms", "kinds", "countries", "keywords")
KINDS = tuple(kind.value for kind in Kind)


@dataclass(frozen=True, slots=True)
class Filters:
    """Empty lists accept everything; each non-empty list must match."""

    platforms: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @classmethod
    def parse(cls, platforms: str | None = None, kinds: str | None = None, countries: str | None = None,
              keywords: str | None = None) -> Filters | None:
        """Build filters from comma-separated option texts; None when no option was given at all.

        Raise ValueError with a reason an admin can act on; every command surface uses this one check.
        """
        texts = {"platforms": platforms, "kinds": kinds, "countries": countries, "keywords": keywords}
        if all(text is None for text in texts.values()):
            return None
        values = {name: parse_filter_list(text, name) for name, text in texts.items()}
        kind_values = tuple(kind.lower() for kind in values["kinds"])
        unknown = [kind for kind in kind_values if kind not in KINDS]
        if unknown:
            raise ValueError(f"kinds: unknown {', '.join(unknown)}; choose from {', '.join(KINDS)}")
        return cls(values["platforms"], kind_values, values["countries"], values["keywords"])

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> Filters:
        """Build filters from their stored JSON form."""
        data = data or {}

        def values(key: str) -> tuple[str, ...]:
            raw = data.get(key) or ()
            return tuple(str(value) for value in raw) if isinstance(raw, list | tuple) else ()

        return cls(values("platforms"), values("kinds"), values("countries"), values("keywords"))

    def to_dict(self) -> dict[str, list[str]]:
        """Return the stored JSON form, leaving out empty lists."""
        pairs = {"platforms": self.platforms, "kinds": self.kinds, "countries": self.countries,
                 "keywords": self.keywords}
        return {key: list(value) for key, value in pairs.items() if value}

    def describe(self) -> str:
        """Return a short human description."""
        parts = [f"{key}: {', '.join(values)}" for key, values in self.to_dict().items()]
        return "; ".join(parts) or "everything"

    def accepts(self, announcement: Announcement) -> bool:
        """Tell whether the announcement passes every non-empty filter."""
        series = announcement.series
        if self.platforms and not _overlap(self.platforms, series.platforms):
            return False
        if self.kinds and not (series.kind and _overlap(self.kinds, [series.kind.value])):
            return False
        if self.countries and not _overlap(self.countries, series.countries):
            return False
        if self.keywords:
            text = fold(" ".join([announcement.headline, announcement.summary, series.display_title,
                                  *series.genres, *(m.name for m in series.cast)]))
            if not any(fold(keyword) in text for keyword in self.keywords):
                return False
        return True


def _overlap(wanted: Iterable[str], present: Iterable[str]) -> bool:
    folded = {fold(value) for value in present}
    return any(fold(value) in folded for value in wanted)


def parse_filter_list(text: str | None, name: str) -> tuple[str, ...]:
    """Split 'a, b, c' into values, refusing too many or too long ones."""
    if not text:
        return ()
    if len(text) > MAX_FILTER_TEXT:
        raise ValueError(f"{name}: at most {MAX_FILTER_TEXT} characters")
    values = tuple(value.strip() for value in text.split(",") if value.strip())
    if len(values) > MAX_FILTER_VALUES:
        raise ValueError(f"{name}: at most {MAX_FILTER_VALUES} values")
    for value in values:
        if len(value) > MAX_FILTER_LENGTH:
            raise ValueError(f"{name}: each value must be at most {MAX_FILTER_LENGTH} characters")
        if any(ord(ch) < 32 or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in value):
            raise ValueError(f"{name}: control or bidirectional characters are not allowed")
    return values
