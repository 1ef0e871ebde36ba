"""Asian drama and anime news shapes: listing-style air months and year-only timing.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

import pytest

from bot.model import SeriesFacts, Status
from tests.extract_texts import PUBLISHED, found, run, titles


def only(body: str, headline: str) -> SeriesFacts:
    found = run(body, headline)
    assert len(found) == 1, [facts.title for facts in found]
    return found[0]


@pytest.mark.parametrize("timing", ["will first air October, 2026", "first airs October 2026"])
def test_month_after_air_is_premiere_timing(timing: str) -> None:
    facts = only(f"Rina Takeuchi is cast in TBS drama series “Paper Lanterns”.\n\n“Paper Lanterns” {timing} in Japan.",
                 "Rina Takeuchi cast in TBS drama “Paper Lanterns”")
    assert facts.title == "Paper Lanterns"
    assert facts.status is Status.PREMIERE_DATE
    assert facts.premiere_text is not None and "October" in facts.premiere_text


@pytest.mark.parametrize("timing", ["is set to air in 2027", "will first air sometime next year"])
def test_year_only_timing_is_no_premiere_date_news(timing: str) -> None:
    facts = only(f"Seo Min-jae and Han Yu-ri are cast in drama series “Quiet Harbor”.\n\n“Quiet Harbor” {timing}.",
                 "Seo Min-jae, Han Yu-ri cast in drama “Quiet Harbor”")
    assert facts.title == "Quiet Harbor"
    assert facts.status is not Status.PREMIERE_DATE


def test_three_part_korean_name_ending_in_a_syllable_word() -> None:
    facts = only("The drama “Glass Wings” starring Jung Da In and Kim Ji Won will premiere on JTBC on July 15.",
                 "JTBC sets premiere of “Glass Wings”")
    assert [member.name for member in facts.cast] == ["Jung Da In", "Kim Ji Won"]


def test_title_case_preposition_after_a_name_stays_out() -> None:
    facts = only("Song Kang is in talks to star in the JTBC drama “Glass Wings”.",
                 "Song Kang In Talks To Star In “Glass Wings”")
    assert [member.name for member in facts.cast] == ["Song Kang"]


def _creators(facts: SeriesFacts) -> set[tuple[str, str]]:
    return {(credit.name, credit.job) for credit in facts.creators}


def test_original_screenplay_by_names_a_writer() -> None:
    facts = only("Haru Kino is cast in TBS drama series “Paper Lanterns”. The drama series features an original "
                 "screenplay by Miyuki Tanabe. It will first air October, 2026 in Japan.",
                 "Haru Kino cast in TBS drama “Paper Lanterns”")
    assert ("Miyuki Tanabe", "writer") in _creators(facts)


@pytest.mark.parametrize("credit", [
    "Yui Kanda is in charge of series scripts, and Ren Aoyama is designing the characters.",
    "Yui Kanda ( Blue Pond ) was in charge of series composition.",
    "Series composition by Yui Kanda rounds out the staff.",
])
def test_series_scripts_and_composition_name_a_writer_not_the_designer(credit: str) -> None:
    facts = only("The television anime of “Paper Lanterns” will premiere on Tokyo MX in July. Kenji Morita is "
                 f"directing the anime at Studio Kumo. {credit}", "“Paper Lanterns” anime premieres in July")
    assert _creators(facts) == {("Kenji Morita", "director"), ("Yui Kanda", "writer")}


def test_the_leads_are_names_the_cast_and_shoot_verbs_leave_the_headline_title() -> None:
    facts = only("Filming has kicked off for period C-drama Jade Lantern. The leads are Zhou Yi Ran and Li Meng Yao, "
                 "with second leads Gao Rui Yu and Wang Jia Hui.",
                 "C-drama Jade Lantern Kicks Off Filming With Zhou Yi Ran And Li Meng Yao")
    assert facts.title == "Jade Lantern"
    assert facts.status is Status.IN_PRODUCTION
    assert {member.name for member in facts.cast} == {"Zhou Yi Ran", "Li Meng Yao", "Gao Rui Yu", "Wang Jia Hui"}


def test_voice_cast_lines_with_long_vowel_capitals() -> None:
    facts = only("The series “Glass Wings” will premiere on Tokyo MX on July 15. The anime stars:\n\n"
                 "Ren Aoyama as Haru, the protagonist\nMiki Ōtani as Sora, a transfer student from Osaka\n"
                 "Aoi Kōda as Yuzu, a classmate\n", "“Glass Wings” anime unveils cast")
    assert [(member.name, member.role) for member in facts.cast] == [
        ("Ren Aoyama", "Haru"), ("Miki Ōtani", "Sora"), ("Aoi Kōda", "Yuzu")]


@pytest.mark.parametrize("described", ["former idol trainee", "former Stage99 trainee", "fellow contestant"])
def test_descriptors_before_a_costar(described: str) -> None:
    facts = only(f"Park Ji-hoon is set to headline the MBN drama “Lost Harbor” alongside {described} Han Ye-ji.",
                 "Park Ji-hoon To Lead MBN Drama “Lost Harbor”")
    assert {member.name for member in facts.cast} == {"Park Ji-hoon", "Han Ye-ji"}


@pytest.mark.parametrize("body", [
    "The studio announced the new series “Lost Harbor”, starring Kritsada “Tee” Wongsawat and Ploy "
    "“Mint” Chanrattana.",
    "The studio announced the new series “Lost Harbor”. Kritsada “Tee” Wongsawat and Ploy “Mint” Chanrattana "
    "will take on the lead roles.",
])
def test_quoted_nickname_inside_a_name_is_neither_title_nor_break(body: str) -> None:
    facts = only(body, "Studio Announces New Series “Lost Harbor”")
    assert facts.title == "Lost Harbor"
    assert [member.name for member in facts.cast] == ["Kritsada Wongsawat", "Ploy Chanrattana"]


def test_quoted_title_between_platform_and_season_stays_a_title() -> None:
    found = run("Fans are waiting for the Netflix “Lost Harbor” Season 2 trailer, which arrives on May 3.",
                headline="News", published=PUBLISHED)
    assert [facts.title for facts in found] == ["Lost Harbor"]


def test_the_hit_series_a_cast_is_known_from_is_background() -> None:
    found = run("The studio will remake the classic hit “Paper Kites”, and it will star the leads of the hit BL "
                "(Boys’ Love) series “Two Moons Rising.” The series titled “Kite Season” is set to air in 2027.",
                headline="Studio to remake “Paper Kites”", published=PUBLISHED)
    assert [facts.title for facts in found] == ["Kite Season"]


def test_a_season_of_the_hit_series_is_still_news() -> None:
    facts = only("Netflix has ordered a second season of the hit series “Paper Kites”.",
                 "Netflix renews “Paper Kites”")
    assert facts.title == "Paper Kites"


def test_weekday_pair_is_a_time_slot_not_a_date() -> None:
    facts = only("Seo Min-jae is cast in SBS drama series “Quiet Harbor”.\n\n“Quiet Harbor” will first air July, 2026 "
                 "(takes over the Monday and Tuesday 10PM time slot).", "Seo Min-jae cast in SBS drama “Quiet Harbor”")
    assert facts.premiere_date is None
    assert facts.status is Status.PREMIERE_DATE


@pytest.mark.parametrize(("sentence", "day"), [
    ("Han Yu-ri is cast in KBS2’s weekly drama “Quiet Harbor”, starting June 24.", 24),
    ("Han Yu-ri leads the MBC drama “Quiet Harbor”, which will begin June 29 after the news.", 29),
])
def test_starting_and_will_begin_date_a_premiere(sentence: str, day: int) -> None:
    facts = only(sentence, "“Quiet Harbor” casts Han Yu-ri")
    assert facts.premiere_date is not None and (facts.premiere_date.month, facts.premiere_date.day) == (6, day)


def test_filming_will_begin_is_no_premiere() -> None:
    facts = only("Han Yu-ri leads the MBC drama “Quiet Harbor”. Filming will begin June 29.",
                 "“Quiet Harbor” casts Han Yu-ri")
    assert facts.premiere_date is None


def test_staff_credit_lines_are_no_titles() -> None:
    body = ("The anime “Glass Wings” will premiere on Tokyo MX on January 5. The newly announced staff members are:\n"
            "- Chief Animation Directors: Ken Aoki, Yui Mori\n- Art Director: Aya Kudo\n- Sound Director: Jun Ito\n"
            "- Character Design: Rin Sato")
    found = run(body, headline="“Glass Wings” anime adds staff", published=PUBLISHED)
    assert [facts.title for facts in found] == ["Glass Wings"]


@pytest.mark.parametrize("body", [
    "The drama “Lost Harbor” held its booting ceremony in Hengdian with its lead actor Kenny Wu Jia Le on hand.",
    "Lead actress Han Yu-ri said the tvN drama “Lost Harbor” was a challenge.",
])
def test_lead_actor_names_the_cast(body: str) -> None:
    facts = only(body, "“Lost Harbor” starts filming")
    assert len(facts.cast) == 1


def test_a_run_cut_before_a_dated_noun_is_no_title() -> None:
    found = run("Park Min-ho, who played King Taejo in the 2019 drama, returns as King Sukjong in the upcoming "
                "series. “Palace Gate” will premiere on SBS on Sept. 22.", headline="‘Palace Gate’",
                published=PUBLISHED)
    assert [facts.title for facts in found] == ["Palace Gate"]


def test_a_one_word_stage_name_the_headline_opens_with_is_cast() -> None:
    headline = "Taeyul cast in drama “Quiet Harbour Lies”"
    body = ("Taeyul is cast in drama series “Quiet Harbour Lies” (literal title) co-starring Han Seo-Rin. In "
            "“Quiet Harbour Lies” Taeyul will play Moon Ji-Ho.")
    cast = [member.name for member in found(body, headline)["Quiet Harbour Lies"].cast]
    assert "Taeyul" in cast and "Han Seo-Rin" in cast


def test_a_title_described_as_the_drama_from_a_network_with_character_teasers_is_trailer_news() -> None:
    headline = "Character previews crackle with tension for Moon-dol"
    body = ("Moon-dol, the cold-case drama from tvN, has released a set of character teasers ahead of its "
            "premiere, and they capture the fierce mood of the thriller.")
    series = found(body, headline)
    assert series["Moon-dol"].platform == "tvN"
    assert series["Moon-dol"].status is Status.TRAILER


def test_an_actor_described_as_the_star_of_a_drama_is_no_title() -> None:
    body = "Han Do-yoon, the star of the drama from JTBC, has joined the cast of “Blue Ledger”."
    assert "Han Do-yoon" not in found(body, "Han Do-yoon joins “Blue Ledger”")


def test_a_new_project_called_x_is_news() -> None:
    headline = "Veteran PD helms new sageuk romance project Nine Night Queen"
    body = "PD Oh Tae-min is returning with a new project called Nine Night Queen, his first since leaving KBS."
    assert "Nine Night Queen" in found(body, headline)


def test_works_in_a_who_directed_clause_are_earlier_credits() -> None:
    headline = "Veteran PD helms new sageuk romance project Nine Night Queen"
    body = ("PD Oh Tae-min, who helmed Kang Ji-ho’s action thriller Fixer and Yoon Ha-rin’s legal drama Corner "
            "Office Counsel Min, is returning with a new project called Nine Night Queen.")
    series = found(body, headline)
    assert list(series) == ["Nine Night Queen"]


def test_a_work_to_be_made_into_a_tv_anime_is_that_series_news() -> None:
    body = "The publisher said on Friday that Starfall Tactics will be made into a TV anime series next year."
    assert "Starfall Tactics" in titles(body, "Card battle hit heads to television")
