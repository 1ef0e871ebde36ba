"""An in-memory, typo-tolerant index of series titles for /series lookups and autocomplete."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz, process

from bot.names import title_key

# Word-start entries are "<rest of the key from a word start>\0<key>" so that one sorted list of
# plain strings answers prefix questions with bisect; \0 never occurs in a title key.
_SEP = "\x00"
_TOP = "\U0010ffff"
# A prefix scores by how much of the title it covers, so "v" alone never confidently means "Vincenzo".
_HEAD = 60.0
_WORD = 50.0
_SPAN = 39.9
_SEARCH_CUTOFF = 75.0
_SUGGEST_CUTOFF = 60.0
_CONFIDENT = 90.0
_MARGIN = 5.0


_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One series matching a query, scored 0 to 100."""

    series_id: int
    title: str
    score: float


def _by_length(key: str) -> tuple[int, str]:
    return len(key), key


def _word_entries(key: str) -> Iterator[str]:
    """Yield one entry for each word of the key but the first."""
    start = key.find(" ")
    while start != -1:
        yield f"{key[start + 1 :]}{_SEP}{key}"
        start = key.find(" ", start + 1)


class TitleIndex:
    """Find series by title or alias: exact keys first, then prefixes, then close spellings."""

    def __init__(self) -> None:
        """Start an empty index."""
        self._titles: dict[int, str] = {}
        self._keys: dict[int, tuple[str, ...]] = {}
        self._ids: dict[str, dict[int, None]] = {}
        # The sorted lists are built on the first query, then kept up to date one key at a time.
        self._ready = False
        self._sorted: list[str] = []
        self._first: dict[str, list[str]] = {}
        self._last: dict[str, list[str]] = {}
        self._words: list[str] = []

    def __len__(self) -> int:
        """Return the number of series indexed."""
        return len(self._titles)

    def add(self, series_id: int, title: str, aliases: Sequence[str] = ()) -> None:
        """Index a series under its title and aliases, replacing what was indexed for its id."""
        self.remove(series_id)
        keys = tuple(dict.fromkeys(variant for text in (title, *aliases) if (key := title_key(text))
                                   for variant in (key, _without_article(key)) if variant))
        self._titles[series_id] = title
        self._keys[series_id] = keys
        for key in keys:
            ids = self._ids.setdefault(key, {})
            if not ids and self._ready:
                self._insert(key)
            ids[series_id] = None

    def remove(self, series_id: int) -> None:
        """Forget a series; unknown ids are ignored."""
        self._titles.pop(series_id, None)
        for key in self._keys.pop(series_id, ()):
            ids = self._ids[key]
            del ids[series_id]
            if not ids:
                del self._ids[key]
                if self._ready:
                    self._delete(key)

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        """Return the best matches: exact title 100, then title prefixes, word starts and typos."""
        return self._rank(title_key(query), limit, _SEARCH_CUTOFF)

    def suggest(self, prefix: str, limit: int = 25) -> list[Hit]:
        """Return autocomplete choices: titles with a word starting with the prefix, then typos."""
        key = title_key(prefix)
        if key or limit <= 0:
            return self._rank(key, limit, _SUGGEST_CUTOFF)
        recent = islice(reversed(self._titles.items()), limit)
        return [Hit(series_id, title, 0.0) for series_id, title in recent]

    @staticmethod
    def confident(hits: Sequence[Hit]) -> bool:
        """Tell whether the top hit is good enough and clearly ahead of the next one."""
        if not hits or hits[0].score < _CONFIDENT:
            return False
        if len(hits) == 1:
            return True
        top, second = hits[0], hits[1]
        if second.score >= top.score:
            return second.series_id == top.series_id
        return top.score >= 100.0 or top.score - second.score >= _MARGIN

    def _rank(self, key: str, limit: int, cutoff: float) -> list[Hit]:
        """Return one hit per series in candidate order, each scored no higher than the one before."""
        if not key or limit <= 0:
            return []
        self._prepare()
        ranked: dict[int, float] = {}
        ceiling = 100.0
        for found, score in self._candidates(key, limit, cutoff):
            ceiling = min(ceiling, score)
            for series_id in sorted(self._ids[found]):
                ranked.setdefault(series_id, ceiling)
            if len(ranked) >= limit:
                break
        return [Hit(series_id, self._titles[series_id], score) for series_id, score in islice(ranked.items(), limit)]

    def _candidates(self, key: str, limit: int, cutoff: float) -> Iterator[tuple[str, float]]:
        """Yield keys starting with the query, then with a later word starting with it, then typos."""
        want = limit + 5
        heads = sorted(self._range(self._sorted, key), key=len)[:want]
        yield from ((found, 100.0 if found == key else _HEAD + _SPAN * len(key) / len(found)) for found in heads)
        seen = set(heads)
        # Sorting entries by their own length only approximates ranking by key length; it is cheap.
        entries = islice(sorted(self._range(self._words, key), key=len), 3 * want)
        inner = [found for found in dict.fromkeys(entry.partition(_SEP)[2] for entry in entries) if found not in seen]
        scored = [(found, _WORD + _SPAN * len(key) / len(found)) for found in inner[:want]]
        yield from sorted(scored, key=lambda pair: -pair[1])
        seen.update(inner)
        for found, score in self._fuzzy(key, limit + len(seen), cutoff):
            if found not in seen:
                yield found, score

    def _fuzzy(self, key: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """Return keys spelled close to the query, scoring only those that could reach the cutoff."""
        # One or two typos rarely change both the first and the last letter, and a key whose length
        # differs too much cannot reach the cutoff: together these skip most keys unscored.
        share = cutoff / 100.0
        shortest = int(len(key) * share / (2.0 - share))
        longest = int(len(key) * (2.0 - share) / share) + 1
        found: dict[str, float] = {}
        for bucket in (self._first.get(key[0], []), self._last.get(key[-1], [])):
            window = bucket[bisect_left(bucket, shortest, key=len) : bisect_right(bucket, longest, key=len)]
            extracted = process.extract(
                key, window, scorer=fuzz.ratio, processor=None, limit=limit, score_cutoff=cutoff
            )
            found.update((choice, score) for choice, score, _ in extracted)
        return sorted(found.items(), key=lambda pair: -pair[1])[:limit]

    @staticmethod
    def _range(keys: list[str], prefix: str) -> list[str]:
        return keys[bisect_left(keys, prefix) : bisect_left(keys, prefix + _TOP)]

    def _prepare(self) -> None:
        if not self._ready:
            self._sorted = sorted(self._ids)
            self._first, self._last = {}, {}
            for key in sorted(self._ids, key=_by_length):
                self._first.setdefault(key[0], []).append(key)
                self._last.setdefault(key[-1], []).append(key)
            self._words = sorted(entry for key in self._ids for entry in _word_entries(key))
            self._ready = True

    def _insert(self, key: str) -> None:
        insort(self._sorted, key)
        insort(self._first.setdefault(key[0], []), key, key=_by_length)
        insort(self._last.setdefault(key[-1], []), key, key=_by_length)
        for entry in _word_entries(key):
            insort(self._words, entry)

    def _delete(self, key: str) -> None:
        _discard(self._sorted, key, bisect_left(self._sorted, key))
        for bucket in (self._first[key[0]], self._last[key[-1]]):
            _discard(bucket, key, bisect_left(bucket, _by_length(key), key=_by_length))
        for entry in _word_entries(key):
            _discard(self._words, entry, bisect_left(self._words, entry))


def _discard(keys: list[str], key: str, at: int) -> None:
    if at < len(keys) and keys[at] == key:
        del keys[at]


def _without_article(key: str) -> str:
    """Return the key without a leading article, so 'quiet orchard' finds 'The Quiet Orchard'."""
    first, _, rest = key.partition(" ")
    return rest if first in _ARTICLES and rest else key
