"""Untitled projects a text describes instead of naming, and the title spans real news gets wrong.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

import pytest

from bot.extract.runs import plausible_title
from bot.extract.text import build_document
from bot.model import SeriesFacts
from tests.extract_texts import run


def untitled(found: list[SeriesFacts]) -> list[SeriesFacts]:
    return [facts for facts in found if facts.title is None]


def titles(found: list[SeriesFacts]) -> set[str | None]:
    return {facts.title for facts in found}


def creators(facts: SeriesFacts) -> set[str]:
    return {credit.name for credit in facts.creators}


def test_a_greenlit_series_described_by_its_creator_is_one_untitled_project() -> None:
    found = run("Hulu has greenlit a new animated series by Laura Lindqvist. It is set on a moon colony and is "
                "expected next year.")
    assert len(found) == 1 and found[0].title is None
    assert found[0].platform == "Hulu"
    assert creators(found[0]) == {"Laura Lindqvist"}


def test_the_series_a_platform_ordered_carries_its_director_and_cast() -> None:
    found = run("Peacock has named the leads of the thriller series it ordered in March, directed by Owen Pratchett. "
                "Lena Ortiz and Samuel Reyes have been cast in the show.")
    assert len(found) == 1 and found[0].title is None
    assert found[0].platform == "Peacock"
    assert creators(found[0]) == {"Owen Pratchett"}


def test_each_project_of_a_slate_sentence_is_its_own_entity_with_the_platform() -> None:
    body = ("A cooking competition series hosted by two chefs, a period drama series from director Gordon Veil "
            "and another comedy series from the team behind Harbor Kids were all announced by Paramount+ on "
            "Tuesday.")
    found = untitled(run(body))
    assert len(found) == 3
    assert {facts.platform for facts in found} == {"Paramount+"}


def test_a_series_in_production_about_a_subject_needs_a_detail_to_be_news() -> None:
    assert run("Another series in production is about coastal towns.") == []
    found = run("Netflix confirmed that another docuseries under production follows the mountain rescuers of Nepal.")
    assert len(found) == 1 and found[0].platform == "Netflix"


@pytest.mark.parametrize(
    "body",
    [
        "Viewers always love a good drama about families.",
        "She once starred in a comedy series about nurses, long before her film career.",
        "Critics said the film plays like a series from the nineties.",
        "Netflix is home to a show about almost anything.",
    ],
)
def test_vague_descriptions_stay_silent(body: str) -> None:
    assert run(body) == []


def test_a_described_project_named_in_the_next_sentence_is_that_title() -> None:
    found = run("Starz has ordered a drama from Nora Quill and Felix Marr. Their ten-episode series, Glass "
                "Orchard, will shoot in Wales this year.")
    assert titles(found) == {"Glass Orchard"}
    assert found[0].platform == "Starz"


def test_a_headline_title_is_the_project_its_lead_describes() -> None:
    found = run("Apple TV+ has ordered a new thriller series from Dana Whitlock, set in a border town.",
                headline="Apple TV+ Orders ‘Dust Road’ From Dana Whitlock")
    assert titles(found) == {"Dust Road"}


def test_an_untitled_platform_series_starring_someone() -> None:
    found = run("Netflix has ordered an untitled Korean thriller series starring Kim Ha-neul and Park Ji-hoon.")
    assert len(found) == 1 and found[0].title is None
    assert found[0].platform == "Netflix"
    assert {member.name for member in found[0].cast} == {"Kim Ha-neul", "Park Ji-hoon"}


def test_a_title_runs_on_over_by_and_with_to_the_end_of_its_clause() -> None:
    found = run("Lena Ortiz and Samuel Reyes have been cast for Walk by Night with Me. Filming starts in May.")
    assert titles(found) == {"Walk by Night with Me"}


def test_a_title_stops_before_by_or_with_and_a_name() -> None:
    found = run("Lena Ortiz has been cast for Copper Bay with Daniel Reyes. Filming starts in May.")
    assert titles(found) == {"Copper Bay"}


def test_words_glued_at_a_lost_break_are_two_sentences() -> None:
    body = ("Lantern, the first Danish original of Netflix, will stream worldwide.\n"
            "Its showrunner previously made Quiet Hours — Nobody Knows AnythingLantern is set to premiere in "
            "2027 on Netflix. Lantern follows three sisters.")
    assert titles(run(body)) == {"Lantern"}


def test_only_glued_words_whose_second_half_stands_alone_are_split() -> None:
    text = build_document("The SafeLantern and DreamWorks. Lantern airs. Lantern ends. Works.", None).text
    assert text.startswith("The Safe. Lantern and DreamWorks.")


def test_a_rank_before_a_full_name_is_a_character_not_a_title() -> None:
    body = ("Ruth Mensah leads Glasshouse, a new ITV police drama directed by Tom Avery. Her character, "
            "DC Peter Hale, watches an estate from a rented flat. DC Peter Hale is set to premiere in May.")
    assert "DC Peter Hale" not in titles(run(body))
    assert not plausible_title("DC Peter Hale") and not plausible_title("Sgt. Laura Finch")
    assert plausible_title("Inspector Vale")


def test_a_format_named_in_a_headline_is_not_a_title() -> None:
    found = run("Hulu announced four cooking shows coming this year. The first, Spark Kitchen, premieres in May.",
                headline="Hulu’s Reality Cooking Teaser Looks Delicious")
    assert "Reality Cooking" not in titles(found)


def test_slogans_franchises_and_comparison_examples_are_not_news() -> None:
    body = ("Netflix announced a slate of dating shows. Its press release carried the slogan “Summer Never Ends,” "
            "and the streamer hopes to rival ABC's The Proposal franchise. The streamer also pulled the show, "
            "much like the fate of cartoons such as Tin Harbor and Moss Lane. The first new "
            "show, Spark Island, premieres in May.")
    found = titles(run(body))
    assert not found & {"Summer Never Ends", "The Proposal", "Tin Harbor", "Moss Lane"}


def test_a_makers_next_drama_that_will_star_someone_is_one_untitled_project() -> None:
    found = run("Hulu has handed a series order to Laura Quill’s next drama, which will star Daniel Okafor. "
                "Harbor Road Studios will produce the untitled series.")
    assert len(found) == 1 and found[0].title is None
    assert found[0].platform == "Hulu"
    assert {member.name for member in found[0].cast} == {"Daniel Okafor"}


def test_one_project_described_twice_is_one_entity_and_its_maker_no_title() -> None:
    found = run("ABC has picked up a comedy series starring Daniel Okafor, trade reports said.\n"
                "The network ordered a comedy series from David Lindqvist starring Daniel Okafor last week.")
    assert len(found) == 1 and found[0].title is None
    assert found[0].platform == "ABC"


def test_a_work_the_text_calls_a_feature_film_is_not_announced_as_a_series() -> None:
    body = ("Starz revealed its spring documentaries on Monday, led by Ana Ruiz’s Salt and Iron and Tom Avery’s "
            "The Long Shift.\nSalt and Iron looks at a mining town in decline. The 104-minute feature film will "
            "premiere on Starz on April 2.\nThe Long Shift follows nurses on a night ward; the four-part docuseries "
            "debuts on April 9.")
    found = titles(run(body, headline="Starz dates “Salt and Iron” and “The Long Shift”"))
    assert "Salt and Iron" not in found
    assert "The Long Shift" in found


def test_a_title_in_another_clause_does_not_hide_a_new_project_named_next() -> None:
    body = ("Besides renewing Harbor Watch, BBC Two has ordered a new eight-part thriller from its writer. "
            "Night Signal is written by Laura Keane and follows a signals officer.")
    found = titles(run(body))
    assert "Night Signal" in found and None not in found


def test_a_title_in_apposition_is_the_project_described() -> None:
    body = ("On May 5, the network confirmed that Daniel Okafor will star in “Slow Canal,” a travel show in which "
            "he crosses Europe by boat. “Slow Canal” will premiere in October on JTBC.")
    assert titles(run(body)) == {"Slow Canal"}


def test_joining_the_cast_is_casting_news_for_the_show() -> None:
    body = "Mara Quinn is the latest addition: she has joined the cast of Adrift in the Orchard, the Hulu comedy."
    assert "Adrift in the Orchard" in titles(run(body))


def test_a_title_that_will_chronicle_a_story_is_framed_as_news() -> None:
    body = "The Harbor Line will chronicle a strike at a shipyard and debuts on Netflix on May 31."
    assert "The Harbor Line" in titles(run(body))


def test_a_commission_slate_keeps_its_unquoted_dramas() -> None:
    body = ("Sky has commissioned new shows across comedy and drama.\n"
            "The legal thriller Harbor Law comes from writer Jane Doyle. The six-part series follows a port lawyer. "
            "Made by Seacliff Pictures/Northgate Films, Harbor Law adapts a novel by Tom Avery.")
    assert "Harbor Law" in titles(run(body, headline="Sky Announces A Raft Of New Commissions"))


def test_a_company_ending_in_films_does_not_make_the_title_a_film() -> None:
    assert not plausible_title("AMC in the U.S. The")
    body = ("Netflix has ordered the drama Harbor Law. Made by Northgate Films, Harbor Law follows a harbour "
            "pilot and will premiere in May.")
    assert "Harbor Law" in titles(run(body))


def test_a_season_of_a_title_in_one_run_is_that_title_with_its_season() -> None:
    body = ("“We are thrilled: Prime Video has greenlit Season 3 of The Lamplighters! Scripts are already being "
            "written,” said showrunner Tom Avery.")
    series = {facts.title: facts for facts in run(body)}
    assert "The Lamplighters" in series and "The Lamplighters!" not in series
    assert series["The Lamplighters"].season == 3


def test_an_exclamation_mark_that_belongs_to_the_title_stays() -> None:
    body = "Prime Video has renewed Quiz Night Live! for a second season. Quiz Night Live! returns in May."
    assert "Quiz Night Live!" in titles(run(body))


@pytest.mark.parametrize(
    "body",
    [
        "Netflix unveiled four new series. Written and directed by Laura Keane, Night Ferry follows a ferry pilot "
        "and will premiere in May.",
        "Netflix unveiled four new series. Based on a 2015 film, Night Ferry is a heist thriller series that will "
        "premiere in May.",
    ],
)
def test_a_title_after_an_opening_participle_phrase_is_its_subject(body: str) -> None:
    assert "Night Ferry" in titles(run(body))


def test_a_source_named_in_apposition_stays_a_source() -> None:
    body = ("Cold Harbour is a remake based on a Norwegian crime series, Kald Havn, about a missing ferry, and "
            "premieres on Channel 4 in May.")
    assert "Kald Havn" not in titles(run(body))


def test_a_title_with_a_mark_before_its_subtitle_is_one_title() -> None:
    body = ("Studio Nine announced two new anime series.\nHarbor Patrol! The Second Watch will be directed by Aki "
            "Mori and again animated by Studio Nine.")
    assert "Harbor Patrol! The Second Watch" in titles(run(body, headline="Studio Nine Announces Two New Anime"))


def test_a_sentence_still_ends_at_a_mark_before_a_plain_sentence() -> None:
    doc = build_document("We love Harbor Patrol! The show returns in May. Watch it! The Ledger is back too.", None)
    assert len(doc.sentences) == 4


def test_a_long_light_novel_title_in_the_body_is_one_title() -> None:
    title = "The Quiet Witch and the Loud Knight Used to Be Sworn Rivals"
    body = f"A new promotional video for the {title} anime confirms a July 9 premiere on Tokyo MX."
    assert title in titles(run(body))


def test_a_long_capitalised_headline_is_not_a_title() -> None:
    found = run("The dating show pairs strangers for a first date. It premieres on Friday.",
                headline="Hulu's New Cooking Show Dares You To Sit Through Every Burnt Dinner Its Amateur Chefs Serve")
    assert not any(title and title.startswith("Bets") for title in titles(found))


def test_a_director_set_to_create_a_new_anime_is_an_untitled_series_with_its_maker() -> None:
    body = ("Studio Harrow has revealed that the Iron Lantern director will be creating a new animated series next "
            "year. Quell will serve as chief director, as well as the scriptwriter.")
    shows = run(body, "Iron Lantern director Sato Quell to create a new anime for 2027")
    assert [show.title for show in shows] == [None]
    assert "Sato Quell" in [person.name for person in shows[0].creators]
