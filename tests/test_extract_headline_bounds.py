"""Where a title ends inside an unquoted trade headline: before the headline's verb, with its own "!" or "?",
as a plain plural noun after "Renews", and with a fixed suffix such as "the Animation"; and a title that opens
the text as the subject of a cancellation.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import run, titles


def found(body: str, headline: str | None = None) -> list[tuple[str | None, str | None]]:
    return [(facts.title, facts.status) for facts in run(body, headline)]


_BODY = "The coastal mystery drama from writer Ona Velde drew strong numbers for the streamer last spring."


def test_a_trade_verb_ends_the_title_before_it() -> None:
    assert titles(_BODY, "Harbor Lights Finalizes Casting") == ["Harbor Lights"]
    assert titles(_BODY, "Harbor Lights Finalizes Cast For Season 2") == ["Harbor Lights"]
    assert titles(_BODY, "Harbor Lights Nabs Two New Series Regulars") == ["Harbor Lights"]


def test_gets_renewed_and_is_renewed_end_the_title() -> None:
    assert found(_BODY, "Harbor Lights Gets Renewed") == [("Harbor Lights", "renewed")]
    assert found(_BODY, "Harbor Lights Is Already Renewed For Season 3") == [("Harbor Lights", "renewed")]
    assert found(_BODY, "Harbor Lights Has Been Renewed At Netflix") == [("Harbor Lights", "renewed")]


def test_a_negated_will_ends_the_title() -> None:
    assert found(_BODY, "Harbor Lights Won't Return For Season 3") == [("Harbor Lights", "cancelled")]


def test_an_exclamation_mark_belongs_to_a_title_the_headline_goes_on_after() -> None:
    body = "The idol comedy from a new studio follows four girls who open a noodle stand."
    assert titles(body, "Noodle Stand! Anime Announced") == ["Noodle Stand!"]
    assert titles(body, "Who Ate My Pudding? Anime Gets Second Season") == ["Who Ate My Pudding?"]


def test_a_plain_plural_noun_is_a_title_after_renews() -> None:
    body = "The half-hour comedy about three rival florists returns with ten new episodes."
    assert found(body, "Network Renews Florists For Season Three") == [("Florists", "renewed")]


def test_a_headline_without_a_verb_cue_is_not_swallowed_whole() -> None:
    body = "The network has ordered ten episodes of the workplace comedy Paper Moons from creator Dara Quill."
    assert titles(body, "Dara Quill's New Comedy Gets Order At Network") == ["Paper Moons"]


def test_a_title_that_opens_the_text_as_subject_of_a_cancellation() -> None:
    body = ("Glass Orchard will not be returning for a second season. The streamer confirmed on Friday that the "
            "period drama ends after eight episodes.")
    assert found(body) == [("Glass Orchard", "cancelled")]


def test_a_fixed_suffix_stays_on_the_title() -> None:
    body = "The TV anime based on the rhythm game premieres in April on Tokyo MX."
    assert titles(body, "Starlit Melody the Animation Reveals Main Cast") == ["Starlit Melody the Animation"]


def test_a_person_who_lands_a_role_is_no_title() -> None:
    body = "The novelist Ona Velde will play a ferry captain in the eight-part mystery drama Harbor Lights for Netflix."
    assert "Ona Velde" not in titles(body, "Ona Velde Books Lead Role In Netflix Drama")


def test_an_opening_subject_needs_a_series_word_somewhere() -> None:
    body = "Will the robots turn into singers, or the singers into robots?"
    assert titles(body, "Iron Comet Franchise Teases Collaboration With Idol Agency") == []


def test_a_headline_verb_never_closes_the_title() -> None:
    assert titles(_BODY, "Harbor Lights Lands Season 2 Order") == ["Harbor Lights"]
    assert found(_BODY, "Comedy Central Renews Florists For Season Three") == [("Florists", "renewed")]


def test_a_genre_before_the_kind_word_describes_the_ordered_show() -> None:
    body = "The streamer has given the ten-episode young adult drama Harbor Lights a first season."
    assert titles(body, "Netflix Orders Supernatural Drama Harbor Lights") == ["Harbor Lights"]


def test_a_describing_word_that_opens_a_two_word_title_stays() -> None:
    body = "The network has renewed the comedy about a teacher who moves in with three strangers."
    assert titles(body, "New Lodger renewed for third season") == ["New Lodger"]
    opening = ("American Saints, the fantasy show about old gods in small towns, has been renewed for a second "
               "season. The news came two weeks after the premiere.")
    assert titles(opening) == ["American Saints"]



def test_a_network_named_by_its_kind_is_the_platform() -> None:
    body = "New Lodger has been renewed for another season by US network Fox."
    assert [(f.title, f.platform) for f in run(body, "New Lodger renewed for third season")] == [("New Lodger", "Fox")]
