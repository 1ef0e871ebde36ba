"""The in-memory title index: exact, prefix and typo-tolerant lookups and autocomplete."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.lookup import Hit, TitleIndex
from bot.names import title_key

TITLES = {
    1: "Soul Mate",
    2: "Vincenzo",
    3: "The King: Eternal Monarch",
    4: "Crash Landing on You",
    5: "사랑의 불시착",
    6: "Soul Mates Forever",
    7: "Soul Male",
    8: "Mate of the Sea",
}


@pytest.fixture
def index() -> TitleIndex:
    built = TitleIndex()
    for series_id, title in TITLES.items():
        built.add(series_id, title)
    return built


def ids(hits: list[Hit]) -> list[int]:
    return [hit.series_id for hit in hits]


@pytest.mark.parametrize("query", ["Soul Mate", "SOUL-MATE", "soul mat", "sould mate", "“Soul Mate”"])
def test_soul_mate_spellings_find_soul_mate_first(index: TitleIndex, query: str) -> None:
    hits = index.search(query)
    assert hits[0].series_id == 1
    assert hits[0].title == "Soul Mate"


def test_exact_key_scores_100_and_is_confident(index: TitleIndex) -> None:
    hits = index.search("vincenzo")
    assert hits == [Hit(2, "Vincenzo", 100.0)]
    assert TitleIndex.confident(hits)


def test_single_typo_is_found(index: TitleIndex) -> None:
    assert ids(index.search("vincenzp"))[:1] == [2]
    assert ids(index.search("crash landing in you"))[:1] == [4]


def test_exact_then_prefix_then_fuzzy(index: TitleIndex) -> None:
    hits = index.search("soul mate")
    assert ids(hits)[:3] == [1, 6, 7]
    assert hits[0].score == 100.0
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_word_start_prefix_ranks_after_title_prefix(index: TitleIndex) -> None:
    hits = index.search("mate")
    assert ids(hits)[0] == 8
    assert {1, 6} <= set(ids(hits))


def test_non_latin_titles(index: TitleIndex) -> None:
    assert ids(index.search("사랑의 불시착")) == [5]
    assert ids(index.suggest("불시"))[:1] == [5]


def test_no_match_and_empty_query(index: TitleIndex) -> None:
    assert index.search("zzzzqqqq") == []
    assert index.search("  !! ") == []
    assert index.search("soul", limit=0) == []


def test_duplicate_titles_are_both_returned_and_ambiguous() -> None:
    remakes = TitleIndex()
    remakes.add(10, "The Good Wife")
    remakes.add(11, "The Good Wife")
    hits = remakes.search("the good wife")
    assert sorted(ids(hits)) == [10, 11]
    assert all(hit.score == 100.0 for hit in hits)
    assert not TitleIndex.confident(hits)


def test_aliases_are_searchable_and_hits_show_the_title() -> None:
    index = TitleIndex()
    index.add(1, "Crash Landing on You", ["사랑의 불시착", "Love's Emergency Landing"])
    assert index.search("love s emergency landing") == [Hit(1, "Crash Landing on You", 100.0)]
    assert ids(index.search("사랑의 불시착")) == [1]


def test_add_replaces_and_remove_forgets(index: TitleIndex) -> None:
    index.search("warm")  # Later changes now go through the incremental path.
    index.add(2, "Vincenzo Returns")
    assert ids(index.search("vincenzo returns")) == [2]
    assert index.search("vincenzo")[0].score < 100.0
    index.remove(2)
    index.remove(99)
    assert 2 not in ids(index.search("vincenzo returns"))
    assert len(index) == len(TITLES) - 1


def test_added_after_first_query_is_found(index: TitleIndex) -> None:
    index.search("soul")
    index.add(20, "Queen of Tears")
    assert ids(index.search("queen of tears")) == [20]
    assert ids(index.suggest("tea")) == [20]
    assert ids(index.search("quen of tears")) == [20]


def test_suggest_prefixes_of_any_word(index: TitleIndex) -> None:
    hits = index.suggest("ma")
    assert ids(hits)[0] == 8  # the title itself starts with "ma"
    assert {1, 6, 7} <= set(ids(hits))
    assert ids(index.suggest("eter")) == [3]


def test_suggest_falls_back_to_typos(index: TitleIndex) -> None:
    assert 2 in ids(index.suggest("vinceno"))


def test_suggest_with_empty_prefix_lists_the_most_recent(index: TitleIndex) -> None:
    index.add(1, "Soul Mate")  # Re-adding makes it the most recent.
    assert ids(index.suggest("", limit=3)) == [1, 8, 7]
    assert len(index.suggest("")) == len(TITLES)


def test_suggest_respects_limit(index: TitleIndex) -> None:
    assert len(index.suggest("s", limit=2)) == 2


def test_one_letter_prefix_is_never_confident(index: TitleIndex) -> None:
    assert not TitleIndex.confident(index.search("v"))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([], False),
        ([95.0], True),
        ([89.0], False),
        ([100.0, 97.0], True),
        ([96.0, 93.0], False),
        ([96.0, 90.0], True),
    ],
)
def test_confident(scores: list[float], expected: bool) -> None:
    hits = [Hit(series_id, f"T{series_id}", score) for series_id, score in enumerate(scores)]
    assert TitleIndex.confident(hits) is expected


def test_confident_rejects_a_tie_between_two_series() -> None:
    assert not TitleIndex.confident([Hit(1, "A", 100.0), Hit(2, "A", 100.0)])


words = st.sampled_from(["soul", "mate", "king", "love", "sea", "사랑", "vincenzo", "the", "of", "ma"])
titles = st.lists(words, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), titles, st.booleans()), max_size=30))
def test_incremental_updates_match_a_fresh_build(operations: list[tuple[int, str, bool]]) -> None:
    live = TitleIndex()
    live.search("prepare")
    state: dict[int, str] = {}
    for series_id, title, keep in operations:
        if keep:
            live.add(series_id, title)
            state[series_id] = title
        else:
            live.remove(series_id)
            state.pop(series_id, None)
    fresh = TitleIndex()
    for series_id, title in state.items():
        fresh.add(series_id, title)
    assert len(live) == len(state)
    for query in ["soul", "mate", "king of", "sould mate", "사랑", "m", *state.values()]:
        assert live.search(query) == fresh.search(query)
        assert live.suggest(query) == fresh.suggest(query)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(1, 50), titles, min_size=1, max_size=20), st.data())
def test_every_title_is_found_exactly(catalogue: dict[int, str], data: st.DataObject) -> None:
    index = TitleIndex()
    for series_id, title in catalogue.items():
        index.add(series_id, title)
    series_id = data.draw(st.sampled_from(sorted(catalogue)))
    hits = index.search(catalogue[series_id].upper(), limit=50)
    exact = {hit.series_id for hit in hits if hit.score == 100.0}
    same = {other for other, title in catalogue.items() if title == catalogue[series_id]}
    assert same <= exact
    # A leading article is optional ("soul" finds "The Soul" exactly, "the soul" finds "The The Soul"),
    # and nothing else counts as exact.
    wanted = title_key(catalogue[series_id])
    for other in exact:
        assert wanted in {title_key(catalogue[other]), bare(catalogue[other])}


def bare(title: str) -> str:
    key = title_key(title)
    first, _, rest = key.partition(" ")
    return rest if first in {"the", "a", "an"} and rest else key


def test_bench_runs_small() -> None:
    from bench.lookup_bench import run

    rows = run(n_series=500, n_queries=60)
    names = [row["name"] for row in rows]
    assert names[:2] == ["build", "search"]
    assert "suggest" in names
