"""Negative shapes of real news the dev set does not show: award slates headlined by their nominations, ratings
reports headlined by viewers or charts, review round-ups; and the background titles and page furniture inside
series news that are no announcement.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import titles

_SLATE = ("The full list of nominees was announced on Tuesday. Netflix's new series Harrow Bay, which premiered in "
          "March, scored eight nods, while HBO's The Glass Orchard, renewed for a second season last month, earned "
          "six. The ceremony will air on CBS on September 14.")


def test_a_nominations_headline_without_an_award_name_is_no_series_news() -> None:
    assert titles(_SLATE, "Guild Nominations: Harrow Bay and The Glass Orchard Lead TV Field") == []
    assert titles(_SLATE, "Harrow Bay Scores Eight Nominations") == []
    assert titles(_SLATE, "Harrow Bay, The Glass Orchard Lead Critics Circle Nominees") == []
    assert titles(_SLATE, "Harrow Bay Leads TV Nods With Eight") == []


_RATINGS = ("The season premiere of Harrow Bay drew 4.2 million viewers on NBC, while the new series The Glass "
            "Orchard debuted to 3.1 million on CBS. Fox's freshman drama Desk Thirteen, which premiered last week, "
            "slipped to 2.0 million viewers.")


def test_a_ratings_headline_by_viewers_or_charts_is_no_series_news() -> None:
    assert titles(_RATINGS, "Harrow Bay Draws 4.2 Million Viewers") == []
    assert titles(_RATINGS, "Nielsen Top 10: Harrow Bay Leads the Week") == []
    assert titles(_RATINGS, "Live+7 Numbers: Harrow Bay Grows") == []
    assert titles(_RATINGS, "Harrow Bay Tops Streaming Charts") == []


def test_a_renewal_headline_that_mentions_viewers_is_still_news() -> None:
    body = ("NBC has renewed its freshman drama Harrow Bay for a second season. The series, created by Dana Holt, "
            "averaged 7 million viewers across platforms.")
    assert "Harrow Bay" in titles(body, "Harrow Bay Renewed for Season 2 After Drawing 7 Million Viewers")


def test_a_headline_of_reviews_is_no_series_news() -> None:
    body = ("Harrow Bay (Netflix)\nStarring Mara Quell and Tobin Ashe, the new series follows a detective who returns "
            "to her coastal hometown. Rating: 3 out of 5.\nThe Glass Orchard (Hulu)\nA family saga stretched thin "
            "over eight episodes. Rating: 2 out of 5.")
    assert titles(body, "Streaming Reviews: What Arrived This Week") == []


_ORDER = "Netflix Orders Drama Harrow Bay"


def test_a_second_credit_after_an_owner_name_is_background() -> None:
    body = ("Netflix has ordered the drama series Harrow Bay from writer Dana Holt, known for HBO's The Glass "
            "Orchard and Hulu's Paper Crowns. Mara Quell will star.")
    assert titles(body, _ORDER) == ["Harrow Bay"]


def test_a_role_named_before_its_show_is_a_credit() -> None:
    body = ("Netflix has ordered the drama series Harrow Bay. Mara Quell, best known for playing a detective on "
            "the ABC series The Glass Orchard, will star.")
    assert titles(body, _ORDER) == ["Harrow Bay"]


def test_a_comparison_or_disambiguation_names_no_news() -> None:
    vein = ("Netflix has ordered the drama series Harrow Bay, in the vein of Fox's recently cancelled Desk "
            "Thirteen. Mara Quell will star.")
    confused = ("Netflix has ordered the drama series Harrow Bay, not to be confused with the BBC's Harrow Hill. "
                "Mara Quell will star.")
    assert titles(vein, _ORDER) == ["Harrow Bay"]
    assert titles(confused, _ORDER) == ["Harrow Bay"]


def test_cancellations_the_news_comes_after_are_context() -> None:
    body = ("Netflix has ordered the drama series Harrow Bay. Mara Quell will star. The order comes after the "
            "streamer cancelled Desk Thirteen and Paper Crowns earlier this year.")
    assert titles(body, _ORDER) == ["Harrow Bay"]


def test_tag_and_category_lines_are_page_furniture() -> None:
    labels = ("Netflix has ordered the drama series Harrow Bay. Mara Quell will star.\nCategory\nTelevision\nTags\n"
              "Netflix, Drama, Mara Quell")
    filed = ("Netflix has ordered the drama series Harrow Bay. Mara Quell will star.\n\nFiled Under: TV News, "
             "Netflix\nTagged With: Harrow Bay, Mara Quell")
    assert titles(labels, _ORDER) == ["Harrow Bay"]
    assert titles(filed, _ORDER) == ["Harrow Bay"]


def test_guide_section_headings_are_no_titles() -> None:
    body = ("Netflix has ordered the drama series Harrow Bay.\nCast and Characters\nMara Quell will star as a "
            "detective.\nRelease Date\nThe series will premiere in 2026.")
    assert titles(body, _ORDER) == ["Harrow Bay"]


def test_an_award_category_heading_is_no_title() -> None:
    body = ("Netflix's new series Harrow Bay scored eight nods.\nBest Drama Series\nHarrow Bay\nThe Glass Orchard\n"
            "Outstanding Lead Actress, Comedy\nMara Quell, Paper Crowns")
    found = titles(body, "Harrow Bay Leads the Pack")
    assert "Best" not in found and "Outstanding" not in found


def test_the_show_a_new_one_descends_from_is_background() -> None:
    body = ("Showtime has ordered the drama series Harrow Bay: Night Tide. Described as a spiritual descendant of "
            "the original “Harrow Bay,” the new series is set in 1950s Maine. Mara Quell will star.")
    assert titles(body, "Showtime Orders ‘Harrow Bay: Night Tide’") == ["Harrow Bay: Night Tide"]


def test_a_round_up_that_grades_each_show_is_no_series_news() -> None:
    body = ("Monday brought a pile of new shows, one a letdown and one a surprise.\n\n"
            "“Harrow Bay” (NBC) – A detective returns to her coastal hometown and the mystery never lands. C-\n\n"
            "“The Glass Orchard” (Fox) – A family saga with a splendid cast and sharp writing. B+\n\n"
            "“Paper Crowns” (CBS) – A workplace sitcom that could have aired decades ago. C+")
    assert titles(body, "‘Harrow Bay’ and other letdowns") == []
    scored = ("Harrow Bay (Netflix)\nA detective returns home.\nRating: 3 out of 5.\n\n"
              "The Glass Orchard (Hulu)\nA family saga.\nRating: 2 out of 5.")
    assert titles(scored, "What we watched this weekend") == []


def test_a_ranking_headline_is_no_series_news() -> None:
    assert titles(_RATINGS, "8 New Broadcast Shows Ranked by Premiere Viewers") == []


def test_one_letter_at_a_line_end_is_no_grade() -> None:
    body = ("Netflix has renewed the drama series Harrow Bay for a second season. Mara Quell stars as Agent A\n"
            "The first season ends with Plan B")
    assert "Harrow Bay" in titles(body, "Netflix Renews Harrow Bay")


_NIGHT = ("NBC's Harrow Bay drew 2.1 million total viewers and a 0.4 demo rating, its best numbers of the season.\n"
          "Leading out of that, Desk Thirteen (1.8 mil/0.3) held steady.\n"
          "CBS | The Glass Orchard (5.2 mil/0.6) and Lantern Street (4.4 mil/0.5) were both up a tick.\n"
          "FOX | Quill & Sons (900K/0.3) matched its demo low.")


def test_a_ratings_report_headlined_by_one_show_is_no_series_news() -> None:
    assert titles(_NIGHT, "Harrow Bay Ticks Up to a Season High") == []
    assert titles(_NIGHT, "Sunday Numbers: Harrow Bay Leads the Night") == []


_DEMO_NIGHT = ("CBS: THE GLASS ORCHARD was up 0.2 to 1.0, and LANTERN STREET rose 0.1 to 0.7.\n"
               "ABC: HARROW BAY sagged by 0.1 to a season low, and DESK THIRTEEN was down 0.1 to 0.8.")


def test_a_ratings_report_of_demo_moves_is_no_series_news() -> None:
    assert titles(_DEMO_NIGHT, "A Late Game Gave CBS a Lift") == []


_AWARDS = ("The nominations were announced on Thursday. Best Drama is between Netflix's Harrow Bay, HBO's The Glass "
           "Orchard and Hulu's Lantern Street. Harrow Bay led the field with 19 nominations, and The Glass Orchard "
           "had 14. Best Comedy nominees include Desk Thirteen and Quill & Sons.")


def test_an_awards_slate_under_a_series_headline_is_no_series_news() -> None:
    assert titles(_AWARDS, "Netflix Has Two Series Up for Best Drama") == []
    assert titles(_AWARDS, "Harrow Bay and The Glass Orchard Lead Drama Series Nominations") == []


def test_series_news_with_ratings_or_nominations_in_it_still_comes_out() -> None:
    renewal = ("HBO has renewed Harrow Bay for a third season, a day after the second-season premiere drew 3.2 "
               "million viewers. The drama, up 0.2 in the demo, averaged 2.9 million viewers last season and "
               "earned 4.1 million viewers across platforms.")
    assert titles(renewal, "HBO Renews Harrow Bay After Record Ratings") == ["Harrow Bay"]
    order = ("Netflix has ordered Lantern Street, a drama from the team behind the Emmy-nominated The Glass Orchard. "
             "Its creator earned nominations for Best Drama and Best Lead Actor, and two nods for writing.")
    assert "Lantern Street" in titles(order, "Netflix Orders Lantern Street From Glass Orchard Team")


def test_a_trailer_whose_cast_is_described_by_nominations_still_comes_out() -> None:
    body = ("Hulu has released the first trailer for Lantern Street, the drama starring Best Actress nominee Ada "
            "Morrow and two-time Emmy-nominated Felix Brandt. Morrow, nominated for Best Drama Actress last year, "
            "plays a ferry captain; Brandt earned nominations for his earlier work. The series will premiere on "
            "March 3.")
    assert "Lantern Street" in titles(body, "Lantern Street Trailer: Ada Morrow Steers a Ferry on Hulu")


def test_an_award_category_in_a_headline_does_not_make_it_series_news() -> None:
    body = "The two dramas earned eleven nods between them on Tuesday, and the ceremony airs on CBS in September."
    assert titles(body, "Harrow Bay Up for Best Drama Series") == []
    assert titles(body, "Harrow Bay and The Glass Orchard Lead Drama Series Nominations") == []


def test_audience_figures_count_in_any_letter_case() -> None:
    from bot.extract.reports import report_without_news

    night = ("HARROW BAY DREW 4.1 MILLION VIEWERS. THE GLASS ORCHARD DREW 3.2 MILLION VIEWERS. "
             "LANTERN STREET DREW 2.9 MILLION VIEWERS. DESK THIRTEEN DREW 1.8 MILLION VIEWERS.")
    assert report_without_news(night)
    # A letter that case-insensitive matching equates with an ASCII one but case folding does not ("ı").
    assert report_without_news(night.replace("DREW", "drew").replace("VIEWERS", "vıewers"))
    assert not report_without_news(night.replace("DREW", "HAD").replace("VIEWERS", "FANS"))
