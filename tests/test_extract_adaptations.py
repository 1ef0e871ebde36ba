"""A series that keeps the name of the book it adapts: "an adaptation of A's novel X is in the works at Network".

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import found, run, titles


def test_a_tv_adaptation_of_a_named_novel_is_the_series_of_that_name() -> None:
    body = "A TV adaptation of Jo Marsh's novel The Glass Orchard is in the works at the BBC."
    series = found(body, "A book comes to the screen")
    assert "The Glass Orchard" in series
    assert series["The Glass Orchard"].platform == "BBC"


def test_a_network_adapting_a_novel_as_a_series_names_the_series_after_it() -> None:
    body = "Netflix is adapting Jo Marsh's novel The Glass Orchard as a drama series."
    assert titles(body, "A book comes to the screen") == ["The Glass Orchard"]


def test_an_author_adapting_her_novel_into_a_drama_names_the_series_after_it() -> None:
    body = "Jo Marsh is working with HBO on adapting her debut novel, The Glass Orchard, into a television drama."
    assert titles(body, "A book comes to the screen") == ["The Glass Orchard"]


def test_the_novel_a_named_series_adapts_stays_its_source() -> None:
    body = ("HBO has ordered Salt Harbour, a drama series adaptation of Jo Marsh's novel The Glass Orchard, "
            "from writer Sam Reyes.")
    found_titles = titles(body, "A book comes to the screen")
    assert "Salt Harbour" in found_titles
    assert "The Glass Orchard" not in found_titles


def test_a_film_adaptation_of_a_novel_is_no_series() -> None:
    body = ("A film adaptation of Jo Marsh's novel The Glass Orchard is in the works at Paramount, "
            "with Sam Reyes directing.")
    assert "The Glass Orchard" not in titles(body, "A book comes to the big screen")


def test_a_character_named_as_someone_plays_stays_a_person() -> None:
    body = ("Netflix has ordered the drama The Glass Orchard. Jo Marsh stars as a detective and Sam Reyes "
            "as a lawyer.")
    assert titles(body, "A new drama at Netflix") == ["The Glass Orchard"]


def test_a_series_described_as_an_adaptation_of_a_novel_stays_untitled() -> None:
    body = "HBO has ordered a limited series adaptation of Jo Marsh's novel The Glass Orchard, from writer Sam Reyes."
    assert titles(body, "A book comes to the screen") == [None]


def test_an_actor_who_will_play_the_lead_in_a_named_show_gives_the_described_project_its_title() -> None:
    body = ("Lena Forsberg will star in a new Netflix series from director Tomas Varga.\n\n"
            "The streamer said on Thursday that Forsberg will play the lead role in The Glass Orchard, "
            "Varga's first TV project.")
    assert titles(body, "Lena Forsberg to lead Netflix series") == ["The Glass Orchard"]


def test_an_earlier_lead_role_stays_a_credit() -> None:
    body = ("Netflix has ordered the drama Salt Harbour, starring Jo Marsh. Marsh played the lead role in "
            "The Glass Orchard.")
    assert titles(body, "A new drama at Netflix") == ["Salt Harbour"]


def test_a_creators_new_series_for_a_platform_is_an_untitled_project() -> None:
    body = "Lena Forsberg's new series for Netflix will start shooting in Oslo in May."
    series = run(body, "News of the week")
    assert [facts.title for facts in series] == [None]
    assert series[0].platform == "Netflix"


def test_a_creators_new_series_for_a_platform_takes_the_title_set_off_after_it() -> None:
    body = "Lena Forsberg's new series for Netflix, The Glass Orchard, will start shooting in Oslo in May."
    assert titles(body, "News of the week") == ["The Glass Orchard"]


def test_two_titles_joined_by_and_split_where_one_is_named_alone_later() -> None:
    body = "Channel 4 has commissioned Salt and Stone and The Long Field. Salt and Stone stars Lena Forsberg."
    assert sorted(t or "" for t in titles(body, "News of the week")) == ["Salt and Stone", "The Long Field"]


def test_a_title_with_and_named_whole_again_stays_whole() -> None:
    body = "Channel 4 has commissioned Salt and Stone. Salt and Stone stars Lena Forsberg and Tomas Varga."
    assert titles(body, "News of the week") == ["Salt and Stone"]


def test_a_local_remake_takes_its_own_title_and_what_it_remakes_is_background() -> None:
    body = ("The BBC has ordered a local version of the US series “Salt Harbour”. The remake, titled "
            "“Glass Orchard”, stars Lena Forsberg.")
    assert titles(body, "News of the week") == ["Glass Orchard"]


def test_a_local_remake_without_a_title_of_its_own_is_untitled() -> None:
    body = "The BBC has ordered a local version of the US series “Salt Harbour”, starring Lena Forsberg."
    assert titles(body, "News of the week") == [None]
