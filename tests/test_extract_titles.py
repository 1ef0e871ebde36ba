"""Which series a text announces: titles as newsrooms write them, seasons, and the news that stays silent.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.extract import explain, extract
from bot.model import Status
from tests.conftest import RunCli
from tests.extract_texts import PUBLISHED, found, run


@pytest.mark.parametrize(
    ("headline", "body", "title", "season"),
    [
        ("‘Copper Valley’ Renewed For Season 3 At Hulu", "The western drama returns next year.", "Copper Valley", 3),
        ("Lantern Keepers Pilot Casts Mara Quinn, Dev Osei & Lila Park",
         "The CBS pilot follows a family of lighthouse keepers.", "Lantern Keepers", None),
        ("Tessa Grant To Star In HBO Limited Series ‘Salt Flats’ From Joel Amari",
         "The six-episode drama is set in Utah.", "Salt Flats", None),
        ("Moonlit Fox Shrine Manga Gets TV Anime This Summer",
         "The anime adaptation will premiere in July.", "Moonlit Fox Shrine", None),
        ("Harbor Nights Sets Premiere Date", "Netflix will premiere the thriller on May 2.", "Harbor Nights", None),
        ("Hulu Adds Glass Orchard Anime Season 2 in U.S.", "Episode 1 streams on Friday.", "Glass Orchard", 2),
        ("Paper Crane Stories 2nd Season Anime Unveils Trailer", "The new season premieres in October.",
         "Paper Crane Stories", 2),
    ],
)
def test_trade_headline_grammar_names_the_series(headline: str, body: str, title: str, season: int | None) -> None:
    series = found(body, headline)
    assert title in series, list(series)
    assert series[title].season == season


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("JTBC has confirmed the cast of its upcoming rom-com Summer Ledger, which pairs two rival accountants.",
         "Summer Ledger"),
        ("Netflix has given a series order to The Night Ferry, a mystery drama created by Ana Ruiz.",
         "The Night Ferry"),
        ("Disney+ announced that the limited series Ash and Ember will premiere on June 4.", "Ash and Ember"),
        ("Iron Orchard, slated to premiere this fall on Peacock, follows three sisters who run a cider farm.",
         "Iron Orchard"),
        ("The streamer released the first teaser for Northern Lights Hotel ahead of its summer launch.",
         "Northern Lights Hotel"),
        ("TVING is developing a new action series called Study Hall, with a cast to be announced.", "Study Hall"),
    ],
)
def test_unquoted_titles_in_cue_frames(body: str, title: str) -> None:
    assert title in found(body)


def test_renewed_for_an_ordinal_season_gives_the_season_number() -> None:
    series = found("Apple TV+ has renewed Quiet Signals for a third season, the streamer said on Monday.")
    assert series["Quiet Signals"].season == 3
    assert series["Quiet Signals"].status is Status.RENEWED


def test_title_then_season_number_is_the_series_not_a_longer_title() -> None:
    series = found("Quiet Signals season 2 will premiere on Apple TV+ on May 1, the streamer announced.")
    assert list(series) == ["Quiet Signals"]
    assert series["Quiet Signals"].season == 2


def test_quote_boundaries_hold_around_abbreviated_titles() -> None:
    series = found("Netflix confirmed the return of its military drama.",
                   headline="‘K.O.’ Season 2, only on Netflix, adds three new cast members")
    assert list(series) == ["K.O."]
    assert series["K.O."].season == 2


def test_a_quoted_title_inside_a_quotation_is_the_title() -> None:
    series = found("“One more round,” the streamer wrote. “‘K.O.’ Season 2, only on Netflix.”",
                   headline="Netflix Confirms the Cast of Its Boxing Drama")
    assert [(title, facts.season) for title, facts in series.items()] == [("K.O.", 2)]


def test_a_slate_sentence_yields_one_series_per_listed_show() -> None:
    body = ("BBC One has unveiled three new commissions, including Glass Harbour, Red Meadow and The Long Walk. "
            "All three dramas will air next year.")
    assert {"Glass Harbour", "Red Meadow", "The Long Walk"} <= set(found(body, "BBC One Unveils New Drama Slate"))


def test_a_title_with_a_comma_named_twice_stays_whole() -> None:
    body = ("Hulu has renewed Dear, Martin and Salt Roads for second seasons. Dear, Martin follows a pen pal "
            "who turns up at the door.")
    series = found(body, "Hulu Renews Two Comedies")
    assert {"Dear, Martin", "Salt Roads"} <= set(series) and "Martin" not in series


def test_list_lines_with_platforms_in_parentheses() -> None:
    body = ("Here is what is coming to streaming this month.\n"
            "Silver Tide (Netflix)\n"
            "A grieving diver finds a wreck that should not exist.\n"
            "Ember Street (Hulu)\n"
            "Two neighbours start a bakery war.\n")
    series = found(body, "New Series Premiering in May")
    assert series["Silver Tide"].platform == "Netflix"
    assert series["Ember Street"].platform == "Hulu"


def test_a_title_named_only_unquoted_in_the_body_and_repeated() -> None:
    body = ("Peacock has ordered Lakeside Wardens, a comedy about two park rangers. "
            "Lakeside Wardens comes from the writers of a long-running sitcom and will film this summer.")
    assert "Lakeside Wardens" in found(body, "Peacock Orders Park Ranger Comedy")


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Box Office: ‘Steel Run’ Tops the Weekend", "The action film ‘Steel Run’ took $40 million in theaters."),
        ("Review: ‘Blue Hour’ Is a Gentle Triumph", "The film’s quiet second act is its best part."),
        ("Dayglow Drops New Single ‘Paper Moon’", "The singer’s new song arrives ahead of a tour."),
        ("Ratings: ‘Night Court’ Leads Tuesday", "The sitcom drew 4 million viewers, Nielsen said."),
        ("Winners of the 2026 Drama Awards", "Best drama went to “River Song,” and best actor to Han Jae-min."),
        ("‘Quiet Orchard’ Episode 7 Recap: The Storm", "Spoilers follow for the latest episode of the drama."),
        ("Blue Canyon Studio Releases ‘Copper Fox’ Blu-ray Box Set", "The anime’s home video set arrives in June."),
        ("Everything We Know About ‘Harbor Nights’ Season 2", "Here is what to expect from the returning drama."),
        ("Band’s “Neon Road” Concerts In Osaka Canceled", "The group’s tour stops were called off by the promoter."),
    ],
)
def test_news_that_is_not_a_series_announcement_stays_silent(headline: str, body: str) -> None:
    assert run(body, headline) == []


def test_earlier_works_named_as_credits_stay_out() -> None:
    body = ("Netflix has ordered Paper Lanterns, a romance drama starring Yoon Ha-rin (Winter Letters) and "
            "Daniel Ortega, best known for his role in “Coastline.” The series comes from the creator of "
            "Midnight Diner Tales.")
    series = found(body, "Netflix Orders Romance Drama ‘Paper Lanterns’")
    assert list(series) == ["Paper Lanterns"]


def test_earlier_works_dated_or_compared_stay_out() -> None:
    body = ("Hulu has released the first trailer for “Dust Road,” its new western docuseries. The trailer plays "
            "part “Frontier Tales,” part “Salt Kings.” Its director reunited on “Iron Bells” with the same crew, "
            "years after the 2014 drama Paper Moon.")
    assert list(found(body, "Hulu Drops Trailer for Western Docuseries ‘Dust Road’")) == ["Dust Road"]


def test_roles_and_producer_credits_stay_out() -> None:
    body = ("Peacock has ordered “Night Orchard,” a mystery drama from the “Copper Creek” executive producer "
            "Ana Vidal. Its lead most recently had a recurring role in Netflix's Grey Harbor.")
    assert list(found(body, "Peacock Orders Mystery Drama ‘Night Orchard’")) == ["Night Orchard"]


@pytest.mark.parametrize("body", [
    "Adult Swim has renewed its original animated series Velvet Alley for a fourth season.",
    "The network has ordered a made for TV series Velvet Alley from its comedy team.",
])
def test_made_and_animated_before_a_type_word_are_adjectives_not_credits(body: str) -> None:
    assert list(found(body)) == ["Velvet Alley"]


def test_made_and_animated_as_verbs_still_mark_earlier_works() -> None:
    body = ("Gil Arden, who made Copper Fields, will direct the new Hulu drama Night Lamp. The studio that "
            "animated Star Fox Tales is also on board.")
    assert list(found(body)) == ["Night Lamp"]


@pytest.mark.parametrize("body", [
    "Hulu has ordered a drama titled Lantern Bay. Showrunner Dana Holt will lead the writers' room.",
    "Hulu has ordered a drama titled “Lantern Bay.” Star Mia Torres leads the cast.",
])
def test_a_job_word_opening_the_next_sentence_does_not_make_a_title_a_credit(body: str) -> None:
    assert list(found(body)) == ["Lantern Bay"]


def test_a_show_praised_as_already_known_is_background() -> None:
    body = ("While the network's acclaimed drama Copper Sky wraps its fourth season, Max has ordered the comedy "
            "Dust Bunnies from writer Ana Lisk. The actor still talks about his classic sitcom Grey Doors.")
    assert list(found(body, "Max Orders Comedy ‘Dust Bunnies’")) == ["Dust Bunnies"]


def test_a_title_used_as_a_comparison_is_not_news() -> None:
    body = "FX has renewed comedy series “Cold Harbor” and ordered a “Moon Patrol” spoof pilot from its comedy team."
    assert list(found(body, "FX Orders a ‘Moon Patrol’ Spoof Pilot")) == ["Cold Harbor"]


@pytest.mark.parametrize("caption", [
    "Lena Ortiz and Malik Grant in a promotional poster for the new ITV drama Salt Mirror.",
    "Lena Ortiz in ITV's new crime drama series Salt Mirror",
    "Photo: the new ITV drama series Salt Mirror",
    "© ITV Studios / the new ITV drama series Salt Mirror",
])
def test_photo_captions_are_not_news(caption: str) -> None:
    body = f"Channel 4 has ordered Night Kettle, a thriller starring Lena Ortiz.\n{caption}\nFilming starts in May."
    assert list(found(body, "Channel 4 Orders Thriller ‘Night Kettle’")) == ["Night Kettle"]


def test_a_people_line_with_a_verb_is_not_a_caption() -> None:
    body = "Lena Ortiz in talks to lead BBC drama Salt Mirror\nThe BBC has ordered the drama Salt Mirror for 2027."
    assert "Salt Mirror" in found(body)


def test_ticket_sales_of_an_anime_special_are_box_office_not_series_news() -> None:
    body = ("The Japanese chart this week was led by anime specials.\nPaper Comet\nThe new anime special opened in "
            "third place. It sold 98,000 tickets in three days.\nIron Lilies\nThe new anime special fell to fifth "
            "place. It has sold 410,000 tickets so far.")
    assert run(body) == []


def test_a_regional_adjective_before_a_type_word_is_not_a_title() -> None:
    body = "ITV has renewed the Welsh crime drama ‘Harbour Lights’ for a second series after strong audiences."
    assert list(found(body, "ITV Renews ‘Harbour Lights’")) == ["Harbour Lights"]


def test_people_are_not_titles() -> None:
    body = ("Kim Min-ji and Park Jae-won will star in the new KBS drama Spring Harbor, which premieres in May. "
            "The series was developed by showrunner Dana Holt.")
    assert list(found(body)) == ["Spring Harbor"]


def test_threshold_can_be_swept() -> None:
    body = "The streamer released the first teaser for Northern Lights Hotel ahead of its summer launch."
    assert run(body) and not extract(body, published=PUBLISHED, threshold=100.0)
    assert len(extract(body, published=PUBLISHED, threshold=-100.0)) >= len(run(body))


def test_explain_lists_kept_and_dropped_candidates_with_features() -> None:
    body = ("Hulu has renewed Copper Valley for a second season. Its star also appeared in “Blue Harbor” "
            "last year.")
    verdicts = {verdict.title: verdict for verdict in explain(body, published=PUBLISHED)}
    kept = verdicts["Copper Valley"]
    assert kept.kept and kept.features["news_frame"] >= 1 and kept.score >= 2.5
    assert "KEEP" in kept.explain() and "news_frame" in kept.explain()
    assert all(not verdict.kept for title, verdict in verdicts.items() if title != "Copper Valley")


def test_cli_explain_and_json_season(tmp_path: Path, run_cli: RunCli) -> None:
    article = tmp_path / "renewal.txt"
    article.write_text("‘Copper Valley’ Renewed For Season 3 At Hulu\n\nHulu has renewed the western drama "
                       "Copper Valley for a third season. Its lead also starred in “Blue Harbor” last year.\n",
                       encoding="utf-8")
    explained = run_cli("extract", "--explain", str(article))
    assert explained.returncode == 0, explained.stderr
    lines = explained.stdout.splitlines()
    assert any("KEEP" in line and "Copper Valley" in line for line in lines)
    assert any("drop" in line and "Blue Harbor" in line for line in lines)
    printed = run_cli("extract", "--json", "--published", "2026-04-06", str(article))
    (series,) = json.loads(printed.stdout)["series"]
    assert (series["title"], series["season"], series["status"]) == ("Copper Valley", 3, "renewed")
