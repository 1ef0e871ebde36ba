"""Words and works read as series or people that are neither: songs named in apposition, promotional material
mistaken for a credit, adjectives before a role word, and place words ending a show's name read as a person.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from bot.extract.nameshape import NOT_A_NAME, name_shape
from tests.extract_texts import cast_of, found, run, titles


def test_an_insert_song_is_no_series_and_the_anime_is_kept() -> None:
    body = ("Aniplex debuted the first promotional video for Lantern Harbor, the original television anime from "
            "director Oren Vale, on Saturday. The video previews the insert song “Paper Comets” by the band Halo Nine."
            "\n\n“Paper Comets” is now available on digital music services. The anime will premiere in April.")
    found_titles = titles(body, "Original anime reveals first video")
    assert "Paper Comets" not in found_titles
    assert "Lantern Harbor" in found_titles


def test_an_opening_theme_titled_in_quotes_is_no_series() -> None:
    body = ("The second promotional video is out for the upcoming original comedy anime series “Velvet Stairs.”\n\n"
            "The video previews the opening theme, titled “Iron Kite,” performed by the rock band Nine Owls. The "
            "series was moved to a spring premiere.")
    found_titles = titles(body, "“Velvet Stairs” anime's 2nd video previews opening")
    assert "Iron Kite" not in found_titles
    assert "Velvet Stairs" in found_titles


def test_a_song_named_after_its_series_does_not_sink_the_series() -> None:
    body = ("The official channel for the original anime “Crane Tide” began streaming a new promotional video on "
            "Monday. The video previews the anime's ending theme song “Crane Tide” by the singer Mio.\n\n"
            "The anime will premiere in October on Tokyo MX.")
    assert "Crane Tide" in titles(body, "Crane Tide anime's new video previews ending song")


def test_debuting_a_trailer_for_a_show_is_no_credit() -> None:
    body = ("The studio debuted the first full teaser for Marrow Bay, the new fantasy series from writer Ada Quill, "
            "on Friday. The series premieres on Netflix in June.")
    assert "Marrow Bay" in titles(body, "First teaser for fantasy series")
def test_an_adjective_before_series_regular_is_no_title() -> None:
    body = ("Harbor Lane is adding Tom Keel as a new series regular for its third season, the network said.\n\n"
            "Longtime series regular Ada Finch also exited at the end of last season. Former cast member Leo Park "
            "will return for one episode.")
    found_titles = titles(body, "'Harbor Lane' adds Tom Keel for season 3")
    assert "Longtime" not in found_titles and "Former" not in found_titles
    assert "Harbor Lane" in found_titles


def test_a_show_named_after_a_place_is_not_cast() -> None:
    assert name_shape("Cedar Town") == NOT_A_NAME
    assert name_shape("Maple Academy") == NOT_A_NAME
    body = ("ABC has cast Dan Reyes in the drama pilot Doomsday Clock. Reyes will be taking his skills from "
            "Harbor Heights and Cedar Town to play Nate Hale, a wealthy analyst.")
    facts = found(body, "ABC pilot 'Doomsday Clock' casts Dan Reyes")
    cast = [person.name for series in facts.values() for person in series.cast]
    assert "Cedar Town" not in cast


def test_casting_a_series_regular_is_news_beside_a_retold_finale() -> None:
    body = ("Harbor Lane is known for killing off its leads, and last season's finale saw the death of two of them.\n\n"
            "The drama is now adding three more series regulars for its next season: Ada Finch, Tom Keel and "
            "Leo Marsh have been upped from recurring roles.")
    assert "Harbor Lane" in titles(body, "‘Harbor Lane’ Promotes Three To Series Regulars")


def test_a_show_adding_names_as_series_regulars_casts_each() -> None:
    body = "Harbor Lane is adding Tom Keel and Ada Finch as two new series regulars for its next season on CBS."
    assert cast_of(body, "'Harbor Lane' adds two for next season", "Harbor Lane") == ["Tom Keel", "Ada Finch"]


def test_starring_as_a_character_and_joining_the_named_cast_are_cast_cues() -> None:
    body = ("ABC has ordered the drama pilot Harbor Lane. Tom Keel will be starring as Warren, a writer. Today, a "
            "trade reported that Ada Finch will also be joining the Harbor Lane cast.")
    assert cast_of(body, "ABC pilot 'Harbor Lane' grows", "Harbor Lane") == ["Tom Keel", "Ada Finch"]


def test_the_casting_of_a_co_star_names_the_cast() -> None:
    body = "ABC has ordered the drama pilot Harbor Lane. A trade reported the casting of co-star Ada Finch as Faye."
    assert "Ada Finch" in cast_of(body, "ABC pilot 'Harbor Lane' grows", "Harbor Lane")


def test_designs_or_music_by_a_credited_person_is_crew_not_cast() -> None:
    body = ("The anime is directed by Oren Vale (Glass Birds), and it features character designs by Mina Toru "
            "(Paper Moon) and music by Sam Reyes (Tin Cup). Ren Aoki (Cold Field) voices the lead. The TV anime "
            "Velvet Stairs will premiere on TV Tokyo on January 8.")
    facts = found(body, "Velvet Stairs TV anime's promo streamed")["Velvet Stairs"]
    assert "Mina Toru" not in [person.name for person in facts.cast]
    assert "Sam Reyes" not in [person.name for person in facts.cast]


def test_a_headline_clause_after_a_job_word_is_no_creator() -> None:
    facts = run("The broadcaster has unveiled three new drama commissions, including a new four-part drama from "
                "“Glass Birds” co-creator Ada Finch.", "BBC Orders New Drama From 'Glass Birds' Creator, Further "
                "Commissions")
    assert not any(credit.name == "Further Commissions" for series in facts for credit in series.creators)


def test_a_title_that_adds_to_its_cast_is_news() -> None:
    body = ("Harbor Lane has added Tom Keel to its cast for season three. According to a trade, Keel joins the FOX "
            "drama as a series regular.")
    assert "Harbor Lane" in titles(body, "Medical drama adds a new surgeon for next season")


def test_makers_named_after_a_quoted_credit_belong_to_the_new_show() -> None:
    body = "Netflix has ordered Harbor Lane, a new thriller from 'Glass Birds' creators Ada Finch and Tom Keel."
    facts = found(body, "Netflix orders 'Harbor Lane'")
    assert "Glass Birds" not in facts
    assert [credit.name for credit in facts["Harbor Lane"].creators] == ["Ada Finch", "Tom Keel"]


def test_a_translated_name_in_brackets_inside_the_quotes_is_no_part_of_the_title() -> None:
    body = ("The second promotional video has been released for the upcoming original comedy anime series, "
            "\"Velvet Stairs: Kyu no Hanashi Monogatari (Velvet Stairs: A Story Told in Nine Short Steps).\" The "
            "series will premiere in April.")
    assert titles(body, "Second video for comedy anime revealed") == ["Velvet Stairs: Kyu no Hanashi Monogatari"]


def test_the_staff_named_after_a_song_belong_to_the_show() -> None:
    body = ("The second promotional video is out for the upcoming original comedy anime series “Velvet Stairs.”\n\n"
            "The video previews the opening theme, titled “Iron Kite,” performed by the rock band Nine Owls.\n\n"
            "Oren Vale is directing the series at Studio Nine. The series will feature Ren Aoki as the lead.")
    facts = found(body, "“Velvet Stairs” anime's 2nd video previews opening")["Velvet Stairs"]
    assert [credit.name for credit in facts.creators] == ["Oren Vale"]


def test_a_character_then_a_credited_star_in_brackets_names_the_actor() -> None:
    body = ("Tom Keel has been cast in the Fox drama pilot “Harbor Lane,” which centers on Ryan Lopez (“Glass Birds” "
            "star Ada Finch), a gang member.")
    cast = cast_of(body, "Fox drama pilot casts its lead", "Harbor Lane")
    assert cast == ["Tom Keel", "Ada Finch"]


def test_cast_in_supporting_roles_are_names_the_cast() -> None:
    body = ("Go Min-ji is cast in KBS2 drama series “Harbor Lane” co-starring Shin Dae-ho. Also cast in supporting "
            "roles are Cha Min-soo, Kim Jae-won and Ha Na-young.")
    cast = cast_of(body, "Go Min-ji cast in KBS2 drama series “Harbor Lane”", "Harbor Lane")
    assert {"Cha Min-soo", "Kim Jae-won", "Ha Na-young"} <= set(cast)


def test_a_headline_offer_is_no_casting() -> None:
    body = ("Go Min-ji has been offered the lead female role in new SBS drama series “Harbor Lane.” Actor Shin Dae-ho "
            "has already received an offer to play the lead male role.")
    assert cast_of(body, "Go Min-ji offered lead female role in SBS drama series “Harbor Lane”", "Harbor Lane") == []


def test_an_untitled_project_from_the_makers_of_a_quoted_credit_is_announced() -> None:
    body = ("Netflix has given a 13-episode order to a new as-yet-untitled \"psychological thriller\" drama from "
            "'Glass Birds' creators Ada Finch and Tom Keel.")
    facts = run(body, "Netflix orders thriller from 'Glass Birds' creators")
    assert [series.title for series in facts] == [None]
    assert [credit.name for credit in facts[0].creators] == ["Ada Finch", "Tom Keel"]


def test_brought_to_life_by_an_actor_and_the_first_regular_cast_are_cast_cues() -> None:
    body = ("Netflix has ordered the horror series Harbor Lane. Its lead will be brought to life by actor, Tom Keel, "
            "who you may recognise from Other Show.")
    assert cast_of(body, "Netflix orders 'Harbor Lane'", "Harbor Lane") == ["Tom Keel"]
    body = "Dan Reyes was the first series regular to be cast in Harbor Lane according to a trade."
    assert cast_of(body, "ABC's new pilot 'Harbor Lane'", "Harbor Lane") == ["Dan Reyes"]
