"""The eval's scoring rules on invented labels: names, platforms, untitled projects, negatives and exclusions."""

from __future__ import annotations

from bench.scoring import Tally, pair, person_form, platform_form, same_title, score_item, status_form


def test_names_match_across_order_hyphens_dots_and_accents() -> None:
    assert person_form("Hayato Isomura") == person_form("Isomura Hayato")
    assert person_form("Ok Taec-yeon") == person_form("Ok Taecyeon")
    assert person_form("J.K. Doe") == person_form("Doe J K")
    assert person_form("Zoë Lind (voice)") == person_form("Lind Zoe")
    assert person_form("Kim Min") != person_form("Kim Minji")


def test_platforms_and_statuses_fold_to_one_spelling() -> None:
    assert platform_form("HBO Max") == platform_form("Max")
    assert platform_form("Amazon") == platform_form("Prime Video") == platform_form("Amazon Prime Video")
    assert platform_form("Apple TV+") != platform_form("Apple TV")
    assert status_form("premiere date set") == "premiere_date" and status_form("casting") == "announced"


def test_titles_match_without_quotes_case_or_a_typo() -> None:
    assert same_title("‘Harbor Lights’", "harbor lights")
    assert same_title("The Night Ferry Returns", "The Night Ferry Return")
    assert not same_title("Harbor Lights", "Harbor Nights Two")
    assert not same_title(None, "Harbor Lights")


def test_untitled_projects_pair_by_a_shared_name_or_else_the_platform() -> None:
    by_cast = {"title": None, "cast": ["Lee Jun Ho"], "creators": [], "platform": "tvN"}
    by_platform = {"title": None, "cast": [], "creators": [], "platform": "HBO Max"}
    pairs, misses, extras = pair([by_cast, by_platform], [
        {"title": None, "cast": [{"name": "Jun Ho Lee", "role": None}], "platform": None},
        {"title": None, "cast": [], "platform": "Max"},
        {"title": "Something Else", "cast": ["Lee Jun Ho"], "platform": "tvN"},
    ])
    assert len(pairs) == 2 and misses == []
    assert [extra["title"] for extra in extras] == ["Something Else"]


def test_a_tally_counts_like_the_shared_scorer() -> None:
    tally = Tally()
    labels = {"series": [{"title": "Harbor Lights", "platform": "tvN", "status": "trailer",
                          "status_also_ok": ["premiere_date"], "premiere_date": "2027-03-09",
                          "cast": ["Kim Seo Yeon", "Lee Jun Ho"], "creators": ["Park Ji-eun"]}],
              "excluded_mentions": ["An Old Hit"]}
    score_item(tally, "a1", labels, [
        {"title": "Harbor Lights", "platform": "TVN", "status": "premiere_date", "premiere_date": "2027-03-09",
         "cast": [{"name": "Seo Yeon Kim"}], "creators": ["Park Jieun", "Choi Woo"]},
        {"title": "An Old Hit", "platform": None, "status": "announced", "cast": [], "creators": []},
    ])
    score_item(tally, "a2", {"negative": True, "series": []}, [])
    assert (tally.series.hits, tally.series.guessed, tally.series.labelled) == (1, 2, 1)
    assert (tally.platform.right, tally.status.right, tally.premiere.right) == (1, 1, 1)
    assert (tally.cast.precision, tally.cast.recall) == (1.0, 0.5)
    assert (tally.creators.precision, tally.creators.recall) == (0.5, 1.0)
    assert tally.excluded == ["a1:An Old Hit"] and tally.extras == ["a1: An Old Hit"]
    assert (tally.silent.right, tally.silent.asked) == (1, 1)
    assert tally.summary() == ("SUMMARY seriesF1=0.67 platform=1.00 castF1=0.67 creatorsF1=0.67 date=1.00 "
                               "status=1.00 negclean=1/1 excluded=1")
