"""Articles that name several shows: renewal and cancellation round-ups written without quotes, slates with one
show per heading, and shows named only as background.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import found, titles


def test_a_renewed_title_may_open_with_the() -> None:
    body = "The streamer has renewed The Copper Orchard for a third season, it said on Monday."
    assert "The Copper Orchard" in titles(body, "Streamer renews its farm drama")


def test_a_network_that_renewed_scripted_shows_then_cancels_a_list() -> None:
    body = ("Networks set their schedules this week.\n\n"
            "Marlin renewed eight scripted shows and canceled Tidewater, The Long Field and Ember Road.")
    shows = found(body, "The week in renewals and cancellations")
    for title in ("Tidewater", "The Long Field", "Ember Road"):
        assert title in shows
        assert shows[title].status == "cancelled"


def test_a_star_in_brackets_leaves_the_show_before_it_a_title() -> None:
    body = "Marlin canceled Glass Harbor (with Jo Marsh) and renewed Ember Road for a second season."
    shows = titles(body, "Marlin cancels one drama, keeps another")
    assert "Glass Harbor" in shows and "Ember Road" in shows


def test_a_writing_credit_still_reads_as_a_credit() -> None:
    body = ("Jo Marsh, who scripted Glass Harbor for the network, is writing the new drama “Ember Road” for "
            "Marlin.")
    shows = titles(body, "Jo Marsh sets new drama")
    assert "Ember Road" in shows and "Glass Harbor" not in shows


def test_ratings_in_a_cancellation_round_up_are_the_reason_not_a_recap() -> None:
    body = ("Here are the shows the networks have dropped so far:\n\n"
            "Tidewater: Marlin cancelled the fishing drama after two seasons.\n\n"
            "The Long Field: This farm saga never found its footing; poor ratings sealed its fate on Marlin.\n\n"
            "Ember Road: Weak viewership ended the road-trip comedy's run on Marlin.")
    shows = titles(body, "Every Show That Has Been Cancelled This Spring")
    assert "The Long Field" in shows and "Ember Road" in shows


def test_the_axe_and_the_plug_cancel_each_listed_show() -> None:
    body = ("Marlin put the axe to Tidewater, Glass Harbor and Ember Road, while Kestrel pulled the plug on "
            "veteran The Long Field.")
    shows = found(body, "Spring cuts at the networks")
    for title in ("Tidewater", "Glass Harbor", "Ember Road", "The Long Field"):
        assert shows[title].status == "cancelled"


def test_a_list_goes_on_past_an_item_that_reads_as_no_title() -> None:
    body = "Marlin canceled Tidewater, Jo Ax, Glass Harbor and Ember Road on Friday."
    shows = titles(body, "Marlin cancels four dramas")
    assert "Glass Harbor" in shows and "Ember Road" in shows


def test_a_ranking_of_the_years_shows_is_no_news() -> None:
    body = ("From farm sagas to road trips, the year on the small screen.\n\n"
            "1. 'The Long Field' (Marlin)\n\nThe second season of the farm saga was its best yet.\n\n"
            "2. 'Ember Road' (Kestrel)\n\nThe road-trip comedy returned with its funniest run.")
    assert titles(body, "15 Best TV Shows of 2031") == []


def test_a_lament_for_cancelled_shows_is_no_news() -> None:
    body = ("Some great shows never got a fair chance. Here are the ones we still miss:\n\n"
            "1. Tidewater\n\nMarlin cancelled the fishing drama in 2009 after one season.\n\n"
            "2. Ember Road\n\nKestrel axed the road-trip comedy after its sixth episode.")
    assert titles(body, "Gone Too Soon: Shows That Should Never Have Been Cancelled") == []


def test_each_status_verb_goes_to_the_show_it_takes_as_object() -> None:
    body = "Marlin renewed Tidewater for a fourth season and canceled the freshman drama Glass Harbor."
    shows = found(body, "Marlin keeps one drama, drops another")
    assert shows["Tidewater"].status == "renewed"
    assert shows["Glass Harbor"].status == "cancelled"


def test_new_seasons_for_a_bare_list_names_each_returning_show() -> None:
    body = ("Streamline also announced new seasons for Harbor Watch, Dry Creek, Glass Orchard – The Return, "
            "Salt Line: Into The Deep and Nightfall.")
    shows = titles(body, "Streamline unveils its spring line-up")
    assert shows == ["Harbor Watch", "Dry Creek", "Glass Orchard – The Return", "Salt Line: Into The Deep",
                     "Nightfall"]


def test_a_dash_after_the_last_listed_show_starts_its_description_not_a_subtitle() -> None:
    body = "Streamline announced new seasons for Harbor Watch and Dry Creek – The Return is due in May."
    assert titles(body, "Two dramas will return") == ["Harbor Watch", "Dry Creek"]


def test_renewing_a_show_named_after_its_kind_is_news_of_it() -> None:
    body = ("Harbor Watch joins recent Streamline pickups. The streamer has also recently ordered bilingual dramedy "
            "Tin Harbor from Ona Pike, as well as renewing anthology The Quiet Acre for a second season.")
    shows = found(body, "Streamline orders drama Harbor Watch")
    assert "The Quiet Acre" in shows and shows["The Quiet Acre"].status == "renewed"


def test_a_deal_with_a_maker_on_a_quoted_show_is_news_of_it() -> None:
    body = ("Kestrel is opening a new chapter in its push into originals by teaming with Ivo Brant on “Tin Harbor,” "
            "an adult animated series.")
    assert titles(body, "Netflix Loads Up on Premium English-Language Series") == ["Tin Harbor"]


def test_another_one_is_walks_a_slate_to_its_next_show() -> None:
    body = ("Kestrel is expanding its slate of original series. Another one is “The Ninth Bell” helmed by Dev Rao "
            "with Ona Pike as executive producer.")
    assert "The Ninth Bell" in titles(body, "Kestrel gears up for more content")
