"""Shapes of real news the dev set does not show: date lines, datelines, award nights, film coverage on streamers,
people named with the show they join, and words read as titles or people that are neither.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from bot.extract.runs import plausible_title
from tests.extract_texts import cast_of, found, run, titles


def test_a_blog_post_date_line_is_no_title() -> None:
    body = ("Apr 3 2026\n\nFirst teaser for tvN drama “Harbour Glass”\n\n"
            "A first teaser and two posters are out for tvN's upcoming drama “Harbour Glass” starring Kim Min-ji.\n\n"
            "Apr 2 2026\n\nNoh Ji-won cast in SBS drama series “Paper Lanterns”\n\n"
            "Noh Ji-won has been cast in the new SBS drama series “Paper Lanterns.”")
    found_titles = titles(body, "Drama news of the week")
    assert "Harbour Glass" in found_titles and "Paper Lanterns" in found_titles
    assert not any(title and title.startswith("Apr") for title in found_titles)


def test_a_dateline_in_capitals_after_a_line_ending_in_a_type_word_is_no_title() -> None:
    body = ("Cop thriller and family saga among the new series\n"
            "LONDON -- The network on Tuesday ordered the crime drama “Harbour Glass”, starring Jo Marsh, and the "
            "period drama “Paper Lanterns” from writer Sam Reyes.")
    found_titles = titles(body, "Network drama boss unveils new shows")
    assert "LONDON" not in found_titles
    assert "Harbour Glass" in found_titles


def test_a_place_in_capitals_is_no_title_as_in_title_case() -> None:
    assert not plausible_title("LONDON")
    assert not plausible_title("London")
    assert plausible_title("HARBOUR GLASS")


def test_an_auxiliary_before_a_headline_series_word_is_no_title() -> None:
    body = ("Here is a list of shows that have been renewed for a second season.\n\n"
            "HARBOUR GLASS:\n\nThis Netflix series came out in April, and Netflix has already renewed it.\n\n"
            "PAPER LANTERNS:\n\nThe period drama was renewed for a second season last week.")
    assert "Been" not in titles(body, "Shows Which Have Been Renewed for Season 2:")


def test_ahead_of_before_a_headline_title_is_cut_with_its_preposition() -> None:
    body = ("Ahead of the second season's release in May, Hulu has renewed the heist comedy The Lockpickers for a "
            "third season. The news came at the show's panel on Saturday.")
    assert titles(body, "Ahead of The Lockpickers season 2, Hulu announces season 3") == ["The Lockpickers"]


def test_an_award_night_headline_is_no_series_news_but_an_award_winning_actor_is() -> None:
    body = ("Netflix's Harbour Glass reigned over the Primetime Emmy Awards on Sunday night, winning seven honors, "
            "including drama series. Apple TV+'s Paper Lanterns took home four. Netflix topped the winners list "
            "thanks to a sweep by Harbour Glass in the drama categories. The drama also won for its lead actress.")
    assert run(body, "‘Harbour Glass’ Reigns at the Emmys") == []
    news = "Netflix has ordered the drama ‘Paper Lanterns’, starring Emmy winner Jo Marsh."
    assert titles(news, "Emmy-winning Jo Marsh to lead Netflix drama ‘Paper Lanterns’") == ["Paper Lanterns"]


def test_directing_the_first_and_final_episodes_is_a_credit_not_a_recap() -> None:
    body = ("Jo Marsh, Ben Cole and Ada Price have joined the cast of Harbour Glass, a limited series about a "
            "lighthouse keeper's disappearance. Written by Sam Reyes and directed by Lena Voss, Harbour Glass "
            "follows two families on the coast. Voss directs the first four and final episodes.")
    assert "Harbour Glass" in titles(body, "Harbour Glass: Three join HBO Max limited series")


def test_a_name_before_a_kind_of_show_in_a_headline_is_its_maker_not_a_cast() -> None:
    body = ("Peacock has ordered a Harbour Glass series, starring Ben Cole, and an Anna Marsh comedy about a "
            "travelling circus.")
    cast = cast_of(body, "Peacock Orders ‘Harbour Glass’ Series, Anna Marsh Comedy", "Harbour Glass")
    assert not any("Marsh" in name for name in cast)


def test_a_regnal_number_makes_a_character_not_an_actor() -> None:
    body = ("Hulu has renewed the period comedy Harbour Glass for a third season. It stars Ada Price and Tom Avery "
            "as Queen Mara and Peter III of Vell.")
    assert "Peter III" not in cast_of(body, "Hulu renews Harbour Glass", "Harbour Glass")


def test_a_hyphenated_starrer_credits_the_name_before_it() -> None:
    body = "Prime Video has renewed popular series ‘Harbour Glass’, starring Anna Marsh, for a third season."
    headline = "Anna Marsh-starrer ‘Harbour Glass’ renewed for season three"
    assert cast_of(body, headline, "Harbour Glass") == ["Anna Marsh"]


def test_a_person_named_before_in_and_a_title_is_cut_from_the_title() -> None:
    body = "Ada Price is in talks to join Kim Min-ji in Paper Lanterns, the castaway drama from tvN."
    assert titles(body, "Ada Price up to reunite with Kim Min-ji in Paper Lanterns") == ["Paper Lanterns"]


def test_a_streamer_trailer_for_the_film_it_calls_the_film_is_no_series_news() -> None:
    body = ("Jo Marsh stars in the sci-fi film from director Sam Reyes, which lands on the streamer on "
            "October 4.")
    assert run(body, "Netflix’s ‘Harbour Glass’ gets first trailer") == []


def test_the_first_of_a_list_of_jobs_before_by_names_the_credit() -> None:
    body = ("Hulu has cancelled the period comedy Harbour Glass after three seasons. The series was created, "
            "written, and executive produced by Sam Reyes.")
    credits = found(body, "Hulu cancels Harbour Glass")["Harbour Glass"].creators
    assert ("Sam Reyes", "creator") in [(credit.name, credit.job) for credit in credits]


def test_will_also_star_in_is_news_of_the_show_named() -> None:
    body = ("Disney+ unveiled its slate of Korean series for the year.\n\n"
            "The creator of \"Harbour Glass\" returns with \"Paper Lanterns\" starring Kim Min-ji and Noh Ji-won.\n\n"
            "Min-ji will also star in \"Blue Orchard\" opposite Park Seo-yeon, where a courier finds a lost city.")
    assert "Blue Orchard" in titles(body, "New Korean originals arriving this year")


def test_a_show_told_as_the_most_watched_of_a_year_is_background_to_a_slate() -> None:
    body = ("Disney+ unveiled its slate of Korean series for the year, hoping to build on shows like "
            "\"Harbour Glass\".\n\n"
            "\"Harbour Glass\" starring Kim Min-ji and Noh Ji-won went on to become last year's most viewed "
            "original Korean show on the platform.\n\n"
            "Its creator returns this year with \"Paper Lanterns\" starring Park Seo-yeon.")
    found_titles = titles(body, "New Korean originals arriving this year")
    assert "Paper Lanterns" in found_titles
    assert "Harbour Glass" not in found_titles
