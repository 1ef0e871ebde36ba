"""Headline shapes that used to bend a title: the person and kind of show billing it ("Dev Ostrander Comedy X"),
a rubric set off by a colon ("Ratings: X"), and a film or stage word that is a word of the title ("Stage Door").

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import titles

_ORDER = "The streamer ordered eight episodes of the half-hour series."


def test_the_person_billing_a_comedy_is_no_part_of_its_title() -> None:
    assert titles(_ORDER, "Hulu Picks Up Dev Ostrander Comedy Harbor Watch") == ["Harbor Watch"]
    assert titles(_ORDER, "Dev Ostrander Comedy Harbor Watch Ordered at Hulu") == ["Harbor Watch"]


def test_the_person_before_a_kind_word_is_not_a_second_title() -> None:
    body = "The streamer renewed the coastal series on Tuesday."
    assert titles(body, "Netflix Renews Dev Ostrander Drama Salt Years for Season 2") == ["Salt Years"]


def test_a_title_shaped_like_words_before_a_kind_word_stays() -> None:
    assert titles("The series premieres in April on tvN.", "Harbor Watch Drama Series Sets Premiere") == [
        "Harbor Watch"]


def test_a_rubric_before_a_colon_is_cut_from_the_title() -> None:
    body = "NBC has renewed Harbor Watch after its premiere drew 6 million viewers."
    assert titles(body, "Ratings: Harbor Watch renewed after big debut") == ["Harbor Watch"]
    assert titles(body, "TV Ratings: Harbor Watch renewed after big debut") == ["Harbor Watch"]


def test_a_title_with_a_colon_of_its_own_keeps_it() -> None:
    body = "Netflix has renewed Harbor Watch: Low Tide for a second season."
    assert titles(body, "Netflix renews Harbor Watch: Low Tide") == ["Harbor Watch: Low Tide"]


def test_a_stage_or_play_word_inside_a_title_does_not_make_it_a_film() -> None:
    anime = "The television anime of the backstage manga premieres in April on Tokyo MX."
    assert titles(anime, "Stage Door Anime Reveals Cast, April Premiere") == ["Stage Door"]
    assert titles("The series premieres in April on tvN.", "Play Dead Drama Series Sets Premiere") == ["Play Dead"]


def test_a_film_word_closing_the_run_still_makes_it_a_film() -> None:
    assert titles("The film opens in May.", "Harbor Watch Anime Film Gets Trailer") == []


def test_a_count_of_shows_before_a_colon_is_cut_from_the_title() -> None:
    body = "Hulu doubled its drama pilot total today by ordering police procedural Harbor Watch."
    assert titles(body, "Hulu Drama Pilots 2027: Harbor Watch") == ["Harbor Watch"]
