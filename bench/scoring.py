"""Score extracted series against labels by the rules of the shared dev set's scorer (devset/README.md).

Titles match after folding case, quotes and punctuation, or when nearly equal (ratio ≥ 0.9); names match
whatever their order, hyphens or dots; an untitled label matches an untitled guess sharing a cast or creator
name, or, when the label names nobody, its platform. Labels and guesses are plain dicts in the shape of
`seriesbot extract --json` (cast and creators as names).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

Record = Mapping[str, Any]

# The labels' status words and their synonyms, folded onto the extractor's Status values.
STATUS_WORDS = {
    "premiere date set": "premiere_date", "trailer released": "trailer", "in production": "in_production",
    "filming": "in_production", "casting": "announced",
}
TITLE_QUOTES = re.compile(r"[\"'‘’“”«»「」『』]")
TITLE_OTHER = re.compile(r"[^\w\s:+!?&-]")
SPACES = re.compile(r"\s+")
PARENTHESES = re.compile(r"\(.*?\)")
WORDS = re.compile(r"\w+")
NEAR_TITLE = 0.9


def title_form(title: str | None) -> str:
    """Return a title folded for comparison: case, quotes and most punctuation gone."""
    if not title:
        return ""
    folded = unicodedata.normalize("NFKC", title).casefold()
    folded = TITLE_OTHER.sub(" ", TITLE_QUOTES.sub("", folded))
    return SPACES.sub(" ", folded).strip()


def same_title(guess: str | None, label: str | None) -> bool:
    """Tell whether two titles name the same series."""
    a, b = title_form(guess), title_form(label)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= NEAR_TITLE)


def person_form(name: str | None) -> str:
    """Return a name as its sorted words, without accents, hyphens, dots or a parenthesis."""
    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    plain = PARENTHESES.sub(" ", plain).replace("-", "").replace(".", " ")
    return " ".join(sorted(WORDS.findall(plain)))


def platform_form(platform: str | None) -> str:
    """Return a platform folded so that HBO Max = Max and Amazon = Prime Video."""
    folded = (platform or "").casefold().replace(" ", "")
    for longer, shorter in (("hbomax", "max"), ("amazonprimevideo", "primevideo"), ("amazon", "primevideo")):
        folded = folded.replace(longer, shorter)
    return folded


def status_form(status: str | None) -> str | None:
    """Return a status word as the extractor spells it."""
    return STATUS_WORDS.get(status, status) if status else status


def people(values: Iterable[Any] | None) -> set[str]:
    """Return the name keys of a list of names or {"name": ...} objects."""
    found = set()
    for value in values or ():
        name = value if isinstance(value, str) else (value or {}).get("name") or ""
        if key := person_form(name):
            found.add(key)
    return found


@dataclass
class Counts:
    """True positives and the sizes of the guessed and labelled sets."""

    hits: int = 0
    guessed: int = 0
    labelled: int = 0

    def add(self, guess: set[str], label: set[str]) -> None:
        """Count one pair of sets."""
        self.hits += len(guess & label)
        self.guessed += len(guess)
        self.labelled += len(label)

    @property
    def precision(self) -> float:
        """Return precision (1.0 when nothing was guessed and nothing was there)."""
        if self.guessed:
            return self.hits / self.guessed
        return 0.0 if self.labelled else 1.0

    @property
    def recall(self) -> float:
        """Return recall (1.0 when nothing was there)."""
        return self.hits / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Ratio:
    """Right answers out of those asked."""

    right: int = 0
    asked: int = 0

    def add(self, right: bool) -> None:
        """Count one answer."""
        self.asked += 1
        self.right += right

    @property
    def share(self) -> float:
        """Return the share of right answers (0 when none was asked, as the shared scorer prints it)."""
        return self.right / max(self.asked, 1)


@dataclass
class Tally:
    """Everything counted over one set."""

    series: Counts = field(default_factory=Counts)
    cast: Counts = field(default_factory=Counts)
    creators: Counts = field(default_factory=Counts)
    platform: Ratio = field(default_factory=Ratio)
    premiere: Ratio = field(default_factory=Ratio)
    status: Ratio = field(default_factory=Ratio)
    season: Ratio = field(default_factory=Ratio)
    silent: Ratio = field(default_factory=Ratio)
    excluded: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return the figures in the shared scorer's SUMMARY line format."""
        return (f"SUMMARY seriesF1={self.series.f1:.2f} platform={self.platform.share:.2f} "
                f"castF1={self.cast.f1:.2f} creatorsF1={self.creators.f1:.2f} date={self.premiere.share:.2f} "
                f"status={self.status.share:.2f} negclean={self.silent.right}/{self.silent.asked} "
                f"excluded={len(self.excluded)}")


def _pairs_with(label: Record, guess: Record) -> bool:
    if label.get("title"):
        names = [label["title"], *(label.get("title_aliases") or [])]
        return any(same_title(guess.get("title"), name) for name in names if name)
    if guess.get("title"):
        return False
    if people(guess.get("cast")) & people(label.get("cast")):
        return True
    if people(guess.get("creators")) & people(label.get("creators")):
        return True
    return (not label.get("cast") and not label.get("creators") and bool(label.get("platform"))
            and platform_form(guess.get("platform")) == platform_form(label["platform"]))


def pair(labels: Sequence[Record],
         guesses: Sequence[Record]) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """Pair each label with the first unused guess naming the same series; return pairs, misses and extras."""
    used: set[int] = set()
    pairs: list[tuple[Record, Record]] = []
    misses: list[Record] = []
    for label in labels:
        found = next((j for j, guess in enumerate(guesses) if j not in used and _pairs_with(label, guess)), None)
        if found is None:
            misses.append(label)
            continue
        used.add(found)
        pairs.append((label, guesses[found]))
    return pairs, misses, [guess for j, guess in enumerate(guesses) if j not in used]


def score_item(tally: Tally, ident: str, truth: Record, guesses: Sequence[Record]) -> None:
    """Add one text's labels and guesses to the tally."""
    labels = truth.get("series") or []
    if truth.get("negative"):
        tally.silent.add(not guesses)
    for guess in guesses:
        tally.excluded.extend(f"{ident}:{title}" for title in truth.get("excluded_mentions") or []
                              if same_title(guess.get("title"), title))
    pairs, misses, extras = pair(labels, guesses)
    tally.misses.extend(f"{ident}: {label.get('title') or label.get('title_note') or '(untitled)'}"
                        for label in misses)
    tally.extras.extend(f"{ident}: {guess.get('title')}" for guess in extras)
    tally.series.hits += len(pairs)
    tally.series.guessed += len(guesses)
    tally.series.labelled += len(labels)
    for label, guess in pairs:
        if label.get("platform"):
            allowed = {platform_form(name) for name in [label["platform"], *(label.get("platform_also_ok") or [])]}
            tally.platform.add(platform_form(guess.get("platform")) in allowed)
        if label.get("premiere_date"):
            tally.premiere.add(str(guess.get("premiere_date") or "")[:10] == label["premiere_date"])
        if label.get("status"):
            allowed_status = {status_form(word) for word in [label["status"], *(label.get("status_also_ok") or [])]}
            tally.status.add(status_form(guess.get("status")) in allowed_status)
        if label.get("season") is not None:
            tally.season.add(guess.get("season") == label["season"])
        tally.cast.add(people(guess.get("cast")), people(label.get("cast")))
        tally.creators.add(people(guess.get("creators")), people(label.get("creators")))
