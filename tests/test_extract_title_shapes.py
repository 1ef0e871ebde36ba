"""Title shapes and frames of real news writing: dated slots, question and ellipsis titles, follow-up sentences.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import PUBLISHED, run, titles


def test_a_drama_dated_in_the_year_of_writing_is_news_and_an_earlier_year_a_credit() -> None:
    body = ("Mika Sora will star in the new Tokai TV autumn 2026 drama \"Kaze ga fuku\" (The Wind Blows), which "
            "begins in October. The drama is based on a novel. Sora played a nurse in the 2021 drama \"Yoru no "
            "Umi\" before.")
    found = titles(body)
    assert "Kaze ga fuku" in found
    assert "Yoru no Umi" not in found


def test_without_a_publication_date_the_latest_year_named_dates_the_text() -> None:
    body = ("Friday, May 8, 2026\n\nRen Aoi to lead NHK's 2026 evening drama \"Hoshi no michi\".\n\n"
            "Aoi was cast in the drama after an audition. Filming will begin in June.")
    assert "Hoshi no michi" in titles(body, published=None)


def test_season_of_inside_a_title_case_run_frames_the_title_and_an_exclamation_ends_the_sentence() -> None:
    body = ("Hulu has been good to its heist comedy. \"We are thrilled that Hulu has ordered Season 4 of The "
            "Lockpickers! The writers are already back in the room,\" the showrunner said.")
    assert "The Lockpickers" in titles(body)


def test_an_aftershow_is_a_series_and_a_scheduled_finale_is_no_recap() -> None:
    body = ("Comedian Dara Vance will host the weekly aftershow Night Shift: Behind The Counter during the new "
            "season, which runs every Monday until the season finale on Nov. 3. The aftershow will debut on "
            "Monday, Sept. 14.")
    assert "Night Shift: Behind The Counter" in titles(body)


def test_a_title_before_the_word_trailer_is_framed() -> None:
    body = ("Check out the new Where The River Bends trailer below. The limited series hits Hulu on Friday, "
            "June 5, and stars Tom Avery and Nell Crane.")
    assert "Where The River Bends" in titles(body)


def test_a_question_title_that_opens_a_sentence_keeps_its_first_word() -> None:
    body = ("Hulu has ordered four comedy series from new writers.\n"
            "Who Moved My Lighthouse? is from producer Lena Voss and stars Ada Pike as a keeper who loses her "
            "light. The Hulu comedy starts filming in May.\nThe other three are still being cast.")
    assert "Who Moved My Lighthouse?" in titles(body)


def test_a_number_of_series_ordered_makes_a_slate_and_an_owned_list_item_is_no_title() -> None:
    body = ("Netflix has marked its anniversary in Korea by ordering three new series.\n"
            "The slate is rounded out by anime series Silver Kite Run, Tomo's Grand Voyage. It is produced "
            "by Studio Nami.")
    found = titles(body)
    assert "Silver Kite Run" in found
    assert "Grand Voyage" not in found


def test_new_commissions_make_a_slate() -> None:
    body = ("BBC Two has unveiled its new commissions for the winter, including a third series of Quiet Fields "
            "and a new thriller.\nTallstone Pictures is producing the Harrow Gate series, written by Ines "
            "Marr.")
    assert "Harrow Gate" in titles(body)


def test_an_ellipsis_joins_the_words_of_a_title() -> None:
    body = ("Starring Mei Lin (Glass City) and Kai Chou (Night Bus), You Said Forever…Maybe! is a romantic "
            "comedy series that Netflix will launch in March.")
    assert "You Said Forever...Maybe!" in titles(body)


def test_a_title_opening_the_sentence_after_an_unnamed_new_series_is_that_news() -> None:
    body = ("Channel 4 is getting a new four-part drama from the team behind its courtroom hits. Tidewater is "
            "written by Ola Brandt and produced by Northlight. It is set on a Cornish island.\n"
            "Ola Brandt and Rhys Mead are starring in a bleak new crime show for ITV.\n"
            "Coldharbour, which is directed by Pia Sund, follows a detective who returns home.")
    found = titles(body)
    assert "Tidewater" in found
    assert "Coldharbour" in found


def test_a_title_after_a_named_new_series_is_not_taken_for_it() -> None:
    body = ("Ola Brandt recalled the days of her hit drama. Tidewater is written by Ola Brandt and was produced "
            "by Northlight years ago.")
    assert "Tidewater" not in titles(body)


def test_filming_has_already_started_is_in_production() -> None:
    found = run("ITV has ordered the drama ‘Fenwick Row’. Filming has already started in Leeds.",
                published=PUBLISHED)
    assert [(facts.title, facts.status.value if facts.status else None) for facts in found] == [
        ("Fenwick Row", "in_production")]


def test_the_shows_of_one_list_share_the_news_one_of_them_carries() -> None:
    body = ("The studio held its yearly showcase last night, and I loved every minute of it.\n"
            "Paper Moons. The first trailer is out and the anthology series will air next spring.\n"
            "Salt Road Diaries. A road-trip drama with two leads I adore, and the trailer looks gorgeous.\n"
            "Quiet Harbour. Like Salt Road Diaries, this drama looks tender and slow.")
    found = titles(body)
    assert {"Paper Moons", "Salt Road Diaries", "Quiet Harbour"} <= set(found)


def test_a_rank_before_a_full_name_is_a_character_not_a_title() -> None:
    body = ("ITV has ordered the crime drama ‘Marsh Lane’. In the new crime series, DS Helen Ward sets up a "
            "stakeout in a quiet street. DS Helen Ward is played by Ada Pike.")
    found = titles(body)
    assert "Marsh Lane" in found
    assert "DS Helen Ward" not in found


def test_a_drama_that_will_begin_its_run_from_a_date_premieres_then() -> None:
    found = run("Fuji TV's new drama \"Umi no uta\" (Song of the Sea) will begin its run from 5 October.",
                published=PUBLISHED)
    assert [(facts.title, str(facts.premiere_date)) for facts in found] == [("Umi no uta", "2026-10-05")]


def test_romanised_particles_join_a_long_headline_title() -> None:
    headline = "Boku to Neko ga Sumu Furui Ie no Chiisana Niwa de no Hibi Anime Reveals Cast, July Debut"
    found = titles("Mio Kanda and Ren Aoi join the cast of the TV anime.", headline)
    assert "Boku to Neko ga Sumu Furui Ie no Chiisana Niwa de no Hibi" in found


def test_a_possessive_before_the_headline_series_word_hides_where_the_title_ends() -> None:
    headline = "Hoshi Miru ka na Grandpa's Anime Shorts Return After 20 Years"
    assert titles("The shorts once aired on NHK.", headline) == []


def test_an_audience_word_before_the_headline_series_word_is_no_part_of_the_title() -> None:
    headline = "Hoshi Miru ka na Children's Anime Shorts Return After 20 Years"
    assert titles("The shorts once aired on NHK.", headline) == ["Hoshi Miru ka na"]


def test_a_comma_set_inside_the_quotes_still_opens_an_appositive_frame_and_a_nationality_is_no_title() -> None:
    body = ("The streamer also confirmed “Lowland Hearts,” a South African drama series about two rival "
            "vineyards, and will add more local titles soon.")
    found = titles(body)
    assert "Lowland Hearts" in found
    assert "South African" not in found


def test_a_drama_round_up_is_a_slate_and_new_stills_are_news() -> None:
    headline = "Weekly Round-Up: Drama Updates, A Singer's Comeback, and More"
    body = ("Lan Wei and Zhou Ming started filming for drama Jade River. It will be 40 episodes long.\n\n"
            "Paper Lanterns starring Chen Rui, Liu Fang and Tang Wen released new stills. The story follows a "
            "tea merchant's daughter.")
    found = titles(body, headline)
    assert "Paper Lanterns" in found
    assert not any(title and "Updates" in title for title in found)


def test_an_opening_word_stays_in_a_title_the_text_names_whole_inside_a_sentence() -> None:
    body = ("Still Waters Run is a new BBC drama from writer Ada Moss. Production of Still Waters Run began in "
            "May in Cornwall.")
    assert titles(body) == ["Still Waters Run"]


def test_a_date_before_tv_debut_in_a_headline_is_the_premiere() -> None:
    found = run("Mio Kanda joins the cast.", headline="Glass Orchard Anime Reveals Cast, April 6 TV Debut",
                published=PUBLISHED)
    assert [(facts.title, str(facts.premiere_date)) for facts in found] == [("Glass Orchard", "2026-04-06")]
