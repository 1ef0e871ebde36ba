"""Newsroom shapes of credits and titles that unseen articles showed: a quote's speaker described by their job, a
contraction opening a sentence, lists of makers joined by "with" or beside a rare given name, a showrunner
"alongside" a second one, co-writers "along with" a writer, a cast "added for its second season", a country's
initials ending a sentence before a name, and a bare year closing an earlier credit.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import cast_of, found, titles


def creators_of(body: str, headline: str | None, title: str) -> list[str]:
    return [person.name for person in found(body, headline)[title].creators]


def test_a_quoted_speaker_with_a_job_at_a_platform_is_no_title() -> None:
    body = ("Netflix has ordered Harbor Watch, an eight-episode thriller set on a northern coast.\n"
            "\"This is a story about the people who keep the lights on,\" said Ivo Brandt, Netflix's director of "
            "European series. Tessa Marlowe and Jonas Reuter will star as two harbour pilots.")
    headline = "Netflix orders thriller Harbor Watch"
    assert titles(body, headline) == ["Harbor Watch"]
    assert cast_of(body, headline, "Harbor Watch") == ["Tessa Marlowe", "Jonas Reuter"]


def test_a_contraction_opening_a_sentence_is_no_title() -> None:
    body = ("We've known since the beginning that the \"Copper Bells\" TV series would face a hard search for its "
            "cast. According to Variety, actor Mark Halden is being eyed to play the mayor in the \"Copper Bells\" TV "
            "series. We still don't know when we might see \"Copper Bells\" arrive on HBO.")
    assert titles(body, "Mark Halden eyed to play the mayor in new TV series") == ["Copper Bells"]


def test_a_maker_beside_a_well_formed_name_is_kept_in_a_from_list() -> None:
    body = ("Apple TV+ is adding to the cast of its limited series Salt Flats. Rosa Delacroix has joined the series "
            "from John Merrow and Carlton Vey, which is based on a memoir.")
    headline = "Rosa Delacroix joins Apple TV+ limited series Salt Flats"
    assert creators_of(body, headline, "Salt Flats") == ["John Merrow", "Carlton Vey"]


def test_a_writer_adapting_with_a_second_writer_shares_the_credit() -> None:
    body = ("BBC One has commissioned Noon Tide, a six-part drama. The novel is being adapted by Levi Ashdown with "
            "Matthew Corran.")
    assert creators_of(body, "BBC One commissions Noon Tide", "Noon Tide") == ["Levi Ashdown", "Matthew Corran"]


def test_a_mastermind_of_an_earlier_show_is_skipped_before_a_name() -> None:
    body = ("Paramount+ has ordered the spy drama Quiet Harbor. Quiet Harbor was co-created by Longmere mastermind "
            "Tessa Marlowe and Hallmark star Jill Vance.")
    creators = creators_of(body, "Paramount+ orders Quiet Harbor", "Quiet Harbor")
    assert creators == ["Tessa Marlowe", "Jill Vance"]


def test_a_showrunner_alongside_another_shares_the_job_and_is_no_cast() -> None:
    body = ("Apple TV+ will premiere Salt Flats on March 4. The eight-episode drama stars Lena Vos and Oskar Feld.\n"
            "Rune Dahl, who created the show, serves as showrunner alongside Dora Quint.")
    headline = "Apple TV+ sets premiere date for Salt Flats"
    assert cast_of(body, headline, "Salt Flats") == ["Lena Vos", "Oskar Feld"]
    assert "Dora Quint" in creators_of(body, headline, "Salt Flats")


def test_co_writers_along_with_a_writer_are_makers_not_cast() -> None:
    body = ("CBS has ordered the drama Ember Ridge, starring Cole Brandt. Brandt co-wrote the pilot along with "
            "Tony Ashcombe and Joan Merrit.")
    headline = "CBS orders Ember Ridge"
    assert cast_of(body, headline, "Ember Ridge") == ["Cole Brandt"]
    assert sorted(creators_of(body, headline, "Ember Ridge")) == ["Cole Brandt", "Joan Merrit", "Tony Ashcombe"]


def test_an_actor_added_for_the_next_season_is_cast() -> None:
    body = ("Netflix's Harbor Watch has added Jonas Reuter for its second season. Lena Vos, who joined in season "
            "one, returns as the harbourmaster.")
    cast = cast_of(body, "Harbor Watch season 2 adds Jonas Reuter", "Harbor Watch")
    assert cast == ["Jonas Reuter", "Lena Vos"]


def test_a_country_s_initials_ending_a_sentence_stay_off_the_next_name() -> None:
    body = ("Mark Halden has joined the cast of Undertow, the limited series set to air next year on the BBC. The "
            "story unfolds in the U.K. Sophie Tallis and Adrian Moss co-star as a married couple.")
    assert cast_of(body, "Mark Halden joins BBC's Undertow", "Undertow") == ["Mark Halden", "Sophie Tallis",
                                                                             "Adrian Moss"]


def test_an_earlier_series_closed_by_a_bare_year_is_a_credit() -> None:
    body = ("Apple is adding to the cast of its limited series Salt Flats. Rosa Delacroix will play a nurse. She "
            "recurred on the third season of the ABC series Dusty Roads in 2017.")
    assert titles(body, "Rosa Delacroix joins Apple's Salt Flats") == ["Salt Flats"]
