"""Feed items (a headline and a sentence or two) on the line between film and series news, and trade headline
grammar for series news in the spellings real trades use.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from bot.extract import classify
from tests.extract_texts import run, titles


def test_a_title_that_opens_with_a_number_is_no_list_article() -> None:
    body = "The streamer's dystopian thriller from Brazil was a breakout hit last winter."
    assert titles(body, "7 Percent Renewed For Season 2 By Netflix") == ["7 Percent"]
    assert titles(body, "4-4-2 Sets Season 3 Premiere Date") == ["4-4-2"]


def test_a_numbered_headline_that_counts_shows_is_still_a_list() -> None:
    assert classify.listicle("10 Shows That Deserve A Second Season")
    assert classify.listicle("7 Best New Dramas Renewed This Year")
    assert not classify.listicle("7 Percent Renewed For Season 3")


def test_a_show_that_will_debut_in_the_fall_is_news_not_a_singers_debut() -> None:
    body = "The long-delayed sci-fi drama from two film directors will join the network's Sunday line-up."
    assert titles(body, "HBO Confirms 'Copper Orchard' Will Debut in the Fall") == ["Copper Orchard"]


def test_a_singers_debut_headline_stays_off_topic() -> None:
    body = "The former member of the group starred in the drama “Copper Orchard” last year."
    assert titles(body, "Kim Min-ji Makes Solo Debut With First Album") == []


def test_a_doc_film_in_straight_quotes_is_film_news() -> None:
    body = ("HBO has revealed the official trailer for a new documentary called Glass Meadow: The Lost Reels, "
            "from filmmaker Ada Brennan. It will be streaming on Max this month.")
    assert titles(body, "New Trailer for HBO Doc Film 'Glass Meadow: The Lost Reels'") == []


def test_a_straight_quote_after_film_only_counts_where_it_opens_a_title() -> None:
    body = "Apple TV+ has ordered a second season of the spy drama Quiet Harbour, starring Jo Marsh."
    assert titles(body, "Quiet Harbour Star Talks the Film's Influence on Season 2") != []


def test_a_star_named_before_a_headline_title_is_no_part_of_it() -> None:
    body = "The zombie comedy has become one of the streamer's steadiest hits since its first season."
    assert titles(body, "Jo Marsh’s Velvet Suburb Renewed For Season 3 At Netflix") == ["Velvet Suburb"]


def test_a_headline_title_that_holds_a_name_keeps_it_where_the_text_writes_it_so() -> None:
    body = "Tom Vale’s Midnight Garden, the anthology named after its host, returns to the network in May."
    assert titles(body, "Tom Vale’s Midnight Garden Renewed For Season 4") == ["Tom Vale’s Midnight Garden"]


def test_a_title_set_off_by_a_colon_before_series_news_is_read() -> None:
    body = "Apple has ordered the eight-part drama from writer Leo Brandt."
    assert titles(body, "Copper Orchard: Mara Quinn to lead Apple TV+ thriller series") == ["Copper Orchard"]


def test_a_title_set_off_by_a_pipe_before_series_news_is_read() -> None:
    body = "The series premieres March 12."
    assert titles(body, "Copper Orchard | Netflix Sets Premiere Date For Mara Quinn Drama") == ["Copper Orchard"]


def test_a_first_look_headline_names_its_show_and_describes_it_after_a_comma() -> None:
    body = "Mara Quinn stars in the eight-episode drama, premiering May 4."
    assert titles(body, "First Look At Copper Orchard, Prime Video's New Spy Series") == ["Copper Orchard"]


def test_a_rubric_before_a_colon_is_no_title() -> None:
    body = "The drama series about a family vineyard wrapped its run on Sunday with its best ratings yet."
    assert titles(body, "Review: a quiet finale for the vineyard drama series") == []


def test_a_label_before_film_news_stays_silent() -> None:
    body = "The streamer's new action movie hits Netflix on June 5."
    assert titles(body, "Copper Orchard: Mara Quinn fights back in first trailer for Netflix action movie") == []


def test_a_genre_film_headline_is_film_news_even_with_a_trailer() -> None:
    body = "Netflix has released the first trailer for Copper Orchard, which hits the streamer on June 5."
    assert titles(body, "'Copper Orchard' Trailer: Mara Quinn Fights Back In Netflix Action Movie") == []
    assert titles("The streamer won a bidding war for the project, which Leo Brandt will direct.",
                  "Netflix Sets $90 Million Sci-Fi Pic 'Copper Orchard' With Mara Quinn") == []


def test_an_untitled_project_a_film_apposition_describes_is_no_series() -> None:
    body = ("Leo Brandt's forthcoming film, an untitled supernatural thriller being produced by Ada Cole, has added "
            "four actresses to its cast.")
    assert titles(body, "Casting Net: Leo Brandt's new supernatural thriller adds four actors") == []


def test_a_documentary_trailer_headline_with_no_series_word_is_film_news() -> None:
    body = ("Indie distributor Northlight has unveiled the official trailer for a documentary titled Salt Roads, the "
            "latest feature from director Ada Brennan.")
    assert titles(body, "Must Watch: Ada Brennan's 'Salt Roads' Climate Doc Trailer") == []
    assert titles("The feature-length film premieres on Netflix March 3.",
                  "Netflix Documentary 'Salt Roads' Gets Trailer") == []


def test_a_documentary_series_trailer_is_series_news() -> None:
    body = "The four-part series follows a salt trader and premieres on Netflix March 3."
    assert titles(body, "Netflix Docuseries 'Salt Roads' Gets Trailer") == ["Salt Roads"]


def test_a_studio_that_reveals_a_trailer_is_no_title() -> None:
    body = ("Disney has revealed a trailer for Glass Engines, a documentary series about a model-making studio, "
            "arriving on Disney+ in July.")
    assert titles(body, "Disney Documentary About Model Makers - 'Glass Engines' Trailer") == ["Glass Engines"]


def test_an_abbreviated_month_after_a_title_is_its_date() -> None:
    body = ("Netflix said Sunday it has scheduled the premiere of its new series Paper Comet for Sept. 21. "
            "The show will feature Emma Hart and Jonah Reed, as well as Sally Price.")
    assert titles(body, "Emma Hart, Jonah Reed series 'Paper Comet' gets Sept. 21 premiere") == ["Paper Comet"]


def test_two_makers_joined_by_a_slash_before_a_type_word_are_no_title() -> None:
    body = ("The long-delayed Ada Brennan/Leo Marsh drama will be joined by the comedies 'Copper Orchard' and "
            "'Paper Comet'.")
    found_titles = titles(body, "Network sets its fall line-up")
    assert "Ada Brennan/Leo Marsh" not in found_titles
    assert "Copper Orchard" in found_titles


def test_starring_in_a_limited_series_titled_x_is_news_of_x() -> None:
    body = ("The miniseries is being produced by a star's company. Variety is reporting that Mara Quinn is the "
            "latest star to join the streaming service, and she will star in a limited series titled Velvet.")
    assert titles(body, "Apple has nabbed another major star for its latest limited series") == ["Velvet"]


def test_a_manga_that_gets_an_anime_names_it_in_any_letter_case() -> None:
    body = "It was announced in the spring issue of the publisher's monthly magazine."
    for headline in ("Glass Moth manga gets TV anime", "Glass Moth Manga to get its own TV Series!",
                     "Glass Moth light novels are getting an anime", "EXCLUSIVE: Glass Moth Manga Gets TV Anime"):
        assert titles(body, headline) == ["Glass Moth"], headline
    assert titles(body, "Moth Tales: Love is a Battle manga gets tv anime") == ["Moth Tales: Love is a Battle"]


def test_a_numbered_list_of_shows_to_wish_for_is_opinion_not_a_slate() -> None:
    body = ("With the television season nearing a close, there are still many new shows on the cancellation "
            "chopping block.")
    assert titles(body, "5 New TV Shows That Deserve a Season 2 Renewal") == []
    assert classify.opinion_list("8 Comedies That Should Have Been Renewed")
    assert not classify.opinion_list("5 New Series Ordered At HBO")
    assert not classify.opinion_list("10 New K-Dramas To Add To Your Watch List In May")


def test_sentence_case_and_quoted_headline_verbs_are_news() -> None:
    body = "The drama stars Mara Quinn and Leo Brandt."
    assert titles(body, "Copper Orchard sets March premiere date on Hulu") == ["Copper Orchard"]
    assert titles(body, "‘Copper Orchard’ Pilot Casts Mara Quinn") == ["Copper Orchard"]


def test_a_first_look_at_a_platforms_show_names_the_show() -> None:
    body = "Mara Quinn stars in the eight-episode drama about a family vineyard."
    assert titles(body, "First look at Netflix's Copper Orchard") == ["Copper Orchard"]


def test_a_labelled_commission_headline_is_series_news() -> None:
    body = "The drama stars Mara Quinn and Leo Brandt."
    assert titles(body, "Copper Orchard: BBC orders six-part thriller from Leo Brandt") == ["Copper Orchard"]
    assert titles(body, "Copper Orchard – BBC One commissions new thriller") == ["Copper Orchard"]


def test_reviews_recaps_and_explainers_stay_silent() -> None:
    body = "The drama stars Mara Quinn and Leo Brandt."
    for headline in ("Copper Orchard season 2 review: a sharper, sadder return",
                     "‘Copper Orchard’ Recap: Season 2, Episode 4",
                     "How ‘Copper Orchard’ Became Netflix's Biggest Hit"):
        assert titles(body, headline) == [], headline


def test_the_feature_calls_the_work_a_film() -> None:
    headline = "Mara Quinn Cast In 'Copper Orchard' At Netflix"
    assert titles("Quinn will star in the feature alongside Leo Brandt.", headline) == []
    assert titles("Quinn will star in the limited series alongside Leo Brandt.", headline) == ["Copper Orchard"]


def test_a_title_a_summary_is_cut_in_before_its_ellipsis_is_dropped() -> None:
    body = "Netflix has renewed the drama Copper Orchard for a second season. Also renewed: the comedy Paper Com…"
    assert titles(body, "Netflix Renews 'Copper Orchard' For Season 2") == ["Copper Orchard"]


def test_a_name_a_summary_is_cut_in_before_continue_reading_is_no_cast() -> None:
    body = ("Netflix has renewed the drama Copper Orchard for a second season, with Mara Quinn, Leo Brandt and "
            "Sal… Continue reading Netflix Renews 'Copper Orchard'")
    found = run(body, "Netflix Renews 'Copper Orchard' For Season 2")
    assert [f.title for f in found] == ["Copper Orchard"]
    assert "Sal" not in [person.name for person in found[0].cast]


def test_an_ellipsis_after_a_lower_case_word_leaves_the_text_alone() -> None:
    from bot.extract.cuts import drop_cut_run

    text = "“Paper Comet” is a romance… Continue reading"
    assert drop_cut_run(text) == text
    assert drop_cut_run("It stars Mara Quinn and Leo Br…") == "It stars Mara Quinn and …"


def test_a_manga_named_in_apposition_lends_its_title_to_the_anime_it_gets() -> None:
    body = ("A magazine scan has announced that Aki Mori’s multi-award winning, critically-acclaimed manga, "
            "Glass Moth Comes Home, is getting a very much-deserved TV anime adaptation.")
    assert titles(body, "Anime news of the week") == ["Glass Moth Comes Home"]


def test_a_title_may_open_with_a_month_where_no_date_follows() -> None:
    body = ("A magazine scan has announced that Aki Mori’s bestselling manga, March of the Paper Moths, is getting a "
            "TV anime adaptation from a major studio.")
    assert titles(body, "Anime news of the week") == ["March of the Paper Moths"]


def test_a_franchise_shows_subtitle_alone_is_the_same_show() -> None:
    body = ("“Star Voyage: Horizon” has set an official premiere date, with the new entry in the sci-fi franchise set "
            "to launch this fall on CBS. “Horizon” was originally set to launch in January, but the series has been "
            "repeatedly delayed.")
    assert titles(body, "Star Voyage: Horizon sets fall premiere") == ["Star Voyage: Horizon"]


def test_a_film_given_only_by_its_runtime_or_budget_stays_silent() -> None:
    assert titles("The $200 million production from Leo Brandt arrives on Netflix on May 2.",
                  "'Copper Orchard' Runs 2 Hours 28 Minutes, Netflix Confirms") == []
    assert titles("Mara Quinn and Leo Brandt star in the action epic, which hits Netflix May 2.",
                  "Netflix's $200 Million 'Copper Orchard' Gets First Trailer") == []
    assert titles("Directed by Leo Brandt, the 148-minute epic premieres on Netflix May 2.",
                  "'Copper Orchard' Trailer: Mara Quinn Leads Netflix's Biggest Action Epic Yet") == []


def test_a_series_budget_or_a_long_finale_is_no_film() -> None:
    assert titles("The $200 million series from Leo Brandt premieres on Prime Video on May 2.",
                  "'Copper Orchard' Season 2 Gets First Trailer") == ["Copper Orchard"]
    assert titles("The 90-minute series premiere of the drama airs on HBO on May 2.",
                  "'Copper Orchard' Sets Premiere Date") == ["Copper Orchard"]


def test_a_kicker_before_a_colon_about_several_shows_is_no_title() -> None:
    body = "The network today gave series orders to three dramas, including Tin Kites, Salt Lanes and Iron Pines."
    found_titles = titles(body, "Bird Takes Flight: Network Orders Three Drama Pilots to Series")
    assert "Bird Takes Flight" not in found_titles
    assert "Tin Kites" in found_titles


def test_a_film_noun_right_before_a_quoted_title_makes_a_film_headline() -> None:
    body = "Production starts in May in Atlanta."
    for headline in ("Mara Quinn Set For Leo Brandt's Netflix Pic ‘Copper Orchard’",
                     "Netflix Movie ‘Copper Orchard’ Adds Mara Quinn",
                     "New Netflix Film: ‘Copper Orchard’ Adds Mara Quinn",
                     "Mara Quinn Set For Netflix Film 'Copper Orchard'"):
        assert titles(body, headline) == [], headline
    assert classify.found_in("The Film's Star Talks Season 2", ("film_headline",)) == frozenset()


def test_a_festival_acquisition_is_film_news() -> None:
    body = "The streamer paid $20 million for the drama, which premiered at the festival on Friday."
    assert titles(body, "‘Copper Orchard’ Lands At Netflix After Sundance Bidding War") == []


def test_series_news_after_a_film_headline_is_read_and_the_film_left_out() -> None:
    body = ("Quinn joins Leo Brandt in the film. Separately, Netflix renewed its drama series Paper Comet for a "
            "second season.")
    assert titles(body, "Netflix Film ‘Copper Orchard’ Adds Mara Quinn") == ["Paper Comet"]


def test_a_renewal_in_a_film_stars_background_keeps_the_film_item_silent() -> None:
    body = ("Quinn, whose HBO drama Paper Comet was renewed for a third season last year, joins Leo Brandt in the "
            "film.")
    assert titles(body, "Netflix Film ‘Copper Orchard’ Adds Mara Quinn") == []


def test_anime_headlines_that_name_the_source_work() -> None:
    body = "The adaptation will premiere in 2027."
    assert titles(body, "Glass Moth Manga Inspires TV Anime") == ["Glass Moth"]
    assert titles(body, "TV Anime of Glass Moth Manga Announced") == ["Glass Moth"]
    assert titles("The second volume ships in May.", "Glass Moth Manga Announced by Publisher") == []
