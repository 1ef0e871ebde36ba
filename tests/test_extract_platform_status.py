"""Platforms and statuses as real news words them: a returning season's date, cancel verbs other than "cancel",
and outlets beyond the big streamers.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from bot.model import Status
from tests.extract_texts import found


def test_a_later_season_given_a_day_to_come_is_premiere_date_news_not_a_renewal() -> None:
    body = ("Hulu has set the premiere date for the second season of Harbour Glass. The eight-episode second season "
            "arrives on Friday, May 22, with Jo Marsh and Ben Cole back in the lead roles.")
    facts = found(body, "Harbour Glass season 2 gets a premiere date")["Harbour Glass"]
    assert facts.status is Status.PREMIERE_DATE
    assert str(facts.premiere_date) == "2026-05-22"


def test_a_renewal_verb_still_wins_over_the_date_of_a_later_season() -> None:
    body = ("Hulu has renewed Harbour Glass for a second season, which will premiere on Friday, May 22. "
            "Jo Marsh and Ben Cole return in the lead roles.")
    assert found(body)["Harbour Glass"].status is Status.RENEWED


def test_a_later_season_without_a_day_is_still_a_renewal() -> None:
    body = "Jo Marsh will return for the second season of the Hulu drama Harbour Glass, the streamer said."
    assert found(body)["Harbour Glass"].status is Status.RENEWED


def test_scrapping_shelving_and_not_returning_cancel_a_show() -> None:
    scrapped = ("Peacock is scrapping its comedy Paper Lanterns after one season. The series starred Jo Marsh as a "
                "night-shift baker.")
    assert found(scrapped)["Paper Lanterns"].status is Status.CANCELLED
    not_back = ("The workplace comedy Paper Lanterns would not be returning for a second season, Peacock confirmed. "
                "The series starred Jo Marsh.")
    assert found(not_back)["Paper Lanterns"].status is Status.CANCELLED
    no_go = ("Peacock has decided not to move forward with a second season of Paper Lanterns, the comedy starring "
             "Jo Marsh.")
    assert found(no_go)["Paper Lanterns"].status is Status.CANCELLED


def test_a_broadcasters_producing_arm_is_not_the_platform() -> None:
    body = ("The six-part thriller Harbour Glass has been ordered. Produced by STV’s Northgate Television for "
            "BBC One, the series follows a harbour pilot who finds a body in the fog.")
    assert found(body)["Harbour Glass"].platform == "BBC One"
    studio = ("Netflix has ordered the drama Paper Lanterns, made by ITV Studios, about a lantern maker in "
              "Victorian Leeds.")
    assert found(studio)["Paper Lanterns"].platform == "Netflix"


def test_a_network_named_for_an_earlier_or_compared_show_is_not_the_platform() -> None:
    body = ("FX has ordered a pilot for Paper Lanterns, a workplace comedy from Jo Marsh and Ben Cole. Like their "
            "former Comedy Central series, the show will be partly improvised.")
    assert found(body)["Paper Lanterns"].platform == "FX"


def test_sister_channels_keep_their_own_names() -> None:
    body = "E4 has ordered Paper Lanterns, a comedy about flatmates, from writer Jo Marsh."
    assert found(body)["Paper Lanterns"].platform == "E4"
    junior = "Disney Junior has ordered the animated series Paper Lanterns, from creator Jo Marsh."
    assert found(junior)["Paper Lanterns"].platform == "Disney Junior"


def test_outlets_beyond_the_big_streamers_are_known_with_their_country() -> None:
    for outlet, country in (("Food Network", "United States"), ("CBC Gem", "Canada"), ("ZDF", "Germany"),
                            ("Globoplay", "Brazil"), ("RTÉ", "Ireland"), ("TikTok", None)):
        body = f"{outlet} has ordered the docuseries Paper Lanterns, from producer Jo Marsh."
        facts = found(body)["Paper Lanterns"]
        assert facts.platform == outlet
        assert (country in facts.countries) if country else not facts.countries


def test_a_cast_member_not_returning_does_not_cancel_the_show() -> None:
    body = "Hulu has renewed Harbour Glass for a third season, but Jo Marsh won’t be returning as Captain Reed."
    assert found(body)["Harbour Glass"].status is Status.RENEWED
