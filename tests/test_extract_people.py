"""Cast and creators as newsrooms write them: cue phrases, name shapes, credits in parentheses, headlines."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.extract.credits import find_people
from bot.extract.facts import resolve_names
from bot.extract.nameshape import NOT_A_NAME, PLAUSIBLE, STRONG, name_shape
from bot.model import SeriesFacts
from bot.names import person_key


def _cast(text: str, headline: str | None = None) -> set[str]:
    body = f"{headline}\n{text}" if headline else text
    found = find_people(body, headline_end=len(headline) if headline else -1)
    return {person_key(fact.name) for fact in found if fact.kind == "cast" and " " in fact.name}


def _creators(text: str) -> set[tuple[str, str | None]]:
    return {(person_key(fact.name), fact.detail) for fact in find_people(text) if fact.kind == "creator"}


def _keys(*names: str) -> set[str]:
    return {person_key(name) for name in names}


def _only(found: list[SeriesFacts]) -> SeriesFacts:
    assert len(found) == 1, [facts.title for facts in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Marla Quinn, Deshawn Pike and Oren Falk star in the new legal drama.",
         ("Marla Quinn", "Deshawn Pike", "Oren Falk")),
        ("The thriller stars Mina Cho (Harbor Nights), Lee Jae-sung (Paper Moon) and Hwang Bo-ra (Tidal).",
         ("Mina Cho", "Lee Jae-sung", "Hwang Bo-ra")),
        ("Kenji Arata joins Sora Miyake in the second season of the anime.", ("Kenji Arata", "Sora Miyake")),
        ("The ensemble is led by Priya Natarajan and Colm Doyle.", ("Priya Natarajan", "Colm Doyle")),
        ("Starring Ellis Grant and Noor Haddad, the series follows two rival chefs.", ("Ellis Grant", "Noor Haddad")),
        ("The cast includes Ruth Abernathy, Tomas Lindgren & Yuki Tanabe.",
         ("Ruth Abernathy", "Tomas Lindgren", "Yuki Tanabe")),
        ("Returning cast members Jang Mi-rae, Seo Dong-hwan and Kim Ha-neul will be back for the new season.",
         ("Jang Mi-rae", "Seo Dong-hwan", "Kim Ha-neul")),
        ("Two newcomers are joining the cast: Baek Ji-won (Blue Summer) and Noh Tae-min (The Long Road).",
         ("Baek Ji-won", "Noh Tae-min")),
        ("The network said the drama is set to star Yoon Se-ah and Kang Min-hyuk.", ("Yoon Se-ah", "Kang Min-hyuk")),
        ("The quiz show will be hosted by Dominic Ashby.", ("Dominic Ashby",)),
        ("The voice cast includes Takumi Hoshino and Rena Ishida.", ("Takumi Hoshino", "Rena Ishida")),
        ("Other actors in the series include Greta Hollis, Sam Oyelaran and the late Victor Munk.",
         ("Greta Hollis", "Sam Oyelaran", "Victor Munk")),
        ("The comedy also features Harbor Town's Lena Marsh and Night Shift actor Paulo Reyes.",
         ("Lena Marsh", "Paulo Reyes")),
        ("It features a cast led by executive producer Dana Whitcombe.", ("Dana Whitcombe",)),
        ("Joining Bellamy in the new series are Corinne Ash, Raj Malhotra, and Ivy Lindqvist.",
         ("Corinne Ash", "Raj Malhotra", "Ivy Lindqvist")),
        ("Other performers cast in supporting roles are Jang Seo-hee, Kim Do-yun and Min Ha-rin.",
         ("Jang Seo-hee", "Kim Do-yun", "Min Ha-rin")),
        ("Nora Blythe, Simon Kettle and Abel Okafor have been announced as the first to join the show.",
         ("Nora Blythe", "Simon Kettle", "Abel Okafor")),
        ("Choi Seo-ah and Park Min-jun are confirmed for the new weekend drama.", ("Choi Seo-ah", "Park Min-jun")),
        ("The rescue team is led by Han Do-jin (Lee Sang-woo), a stubborn captain.", ("Lee Sang-woo",)),
        ("The second lead Zhou Ming Yu who plays the prince steals every scene.", ("Zhou Ming Yu",)),
        ("Gao Lin co-stars, with a special appearance by Wendy Harlow (Old Pier).", ("Gao Lin", "Wendy Harlow")),
        ("The slate includes a thriller with Robert de Vries playing a key role.", ("Robert de Vries",)),
        ("The network also ordered the Nicolas Brandt-led comedy.", ("Nicolas Brandt",)),
        ("Luo Mei and Gao Jun started filming for the palace drama last week.", ("Luo Mei", "Gao Jun")),
        ("Hsu Wen and Lin Yi-ting are the leads for the new office romance.", ("Hsu Wen", "Lin Yi-ting")),
        ("Actress Oh Ha-rin will instead be taking over the lead role.", ("Oh Ha-rin",)),
        ("Han Seo Ra and Jo Min Gyu’s upcoming drama has shared new stills.", ("Han Seo Ra", "Jo Min Gyu")),
        ("Main roles: Kiet Sombat and Mew Arunee", ("Kiet Sombat", "Mew Arunee")),
        ("Nadia Rusk has signed onto the drama pilot Cold Harbor as the lead.", ("Nadia Rusk",)),
        ("It stars Kim Yoo-ra, best known for the hit drama “Blue Moon,” and male lead Ahn Seo-jun (“Echo”).",
         ("Kim Yoo-ra", "Ahn Seo-jun")),
        ("Noel Grant and Soapville actress Brona Walsh are starring in a gritty police show.",
         ("Noel Grant", "Brona Walsh")),
        ("How We Met Your Aunt and Main Street star Josh Radley will play the lead role.", ("Josh Radley",)),
        ("Other stars in the series include Dockside's Shana Mills and Harbour actor Marcus Gale.",
         ("Shana Mills", "Marcus Gale")),
        ("The teaser previews the voice of Ren, performed by Yuki Onodera.", ("Yuki Onodera",)),
        ("The vampire drama stars Night Diaries grad Ian Somerset.", ("Ian Somerset",)),
        ("We keep watching Zhang Lin and Wang Xiaoyu’s Spring Tide every week.", ("Zhang Lin", "Wang Xiaoyu")),
        ("Paper Boats (Yin Hao, Lawrence Choi, Zhang Ruoxi) premiered last week.",
         ("Yin Hao", "Lawrence Choi", "Zhang Ruoxi")),
    ],
)
def test_cast_cues_read_every_listed_name(sentence: str, expected: tuple[str, ...]) -> None:
    assert _cast(sentence) == _keys(*expected)


def test_a_stage_name_among_full_names_is_kept() -> None:
    found = find_people("Aiko Morita, Shun Kaneda, Lynx join the anime’s cast. Also, Rook joins.")
    names = resolve_names(found)
    assert [fact.name for fact in found if fact.kind == "cast" and names[fact.name]] == [
        "Aiko Morita", "Shun Kaneda", "Lynx"]


def test_one_name_as_role_per_line() -> None:
    text = "The anime’s voice cast was announced:\nMiho Arakawa as Suzu\nTaichi Mori as Kaito\nRen Ogawa as Biwa\n"
    found = find_people(text)
    assert {(person_key(fact.name), fact.detail) for fact in found if fact.kind == "cast"} == {
        (person_key("Miho Arakawa"), "Suzu"), (person_key("Taichi Mori"), "Kaito"), (person_key("Ren Ogawa"), "Biwa")}


def test_a_long_starring_list_is_read_to_its_end() -> None:
    names = [f"{first} {last}" for first, last in zip(
        ("Adam", "Betty", "Carl", "Diana", "Ethan", "Fiona", "George", "Hannah", "Ian", "Julia", "Kevin", "Laura"),
        ("Ashworth", "Brandt", "Crowley", "Dunmore", "Everly", "Faulk", "Garber", "Holloway", "Ives", "Jarrow",
         "Kestrel", "Lomax"),
        strict=True,
    )]
    sentence = "The limited series premieres in May and stars " + ", ".join(names[:-1]) + f", and {names[-1]}."
    assert _cast(sentence) == _keys(*names)


def test_roles_come_from_plays_and_as() -> None:
    found = find_people("Han Seo-yeon plays Detective Oh, and the drama stars Park Ji-ho as the hacker Min.")
    roles = {person_key(fact.name): fact.detail for fact in found if fact.kind == "cast"}
    assert roles == {person_key("Han Seo-yeon"): "Detective Oh", person_key("Park Ji-ho"): "Min"}


def test_a_character_named_before_the_actor_in_parentheses() -> None:
    text = ("The series follows Cha Yu-ri (Go Min-ah), a tired lawyer, and her rival Baek Do-jin (Rowan), "
            "while a courier named Pip (Theo Marchetti) helps them.")
    found = find_people(text)
    roles = {person_key(fact.name): fact.detail for fact in found if fact.kind == "cast"}
    assert roles == {person_key("Go Min-ah"): "Cha Yu-ri", person_key("Rowan"): "Baek Do-jin",
                     person_key("Theo Marchetti"): "Pip"}


def test_earlier_shows_in_parentheses_are_credits_not_news() -> None:
    found = _only(extract(
        "Netflix has confirmed the cast of its new thriller “Night Ferry.” The series stars Mina Cho "
        "(Harbor Nights) and Lee Jae-sung (Paper Moon), and premieres in June."
    ))
    assert found.title == "Night Ferry"
    assert {person_key(member.name) for member in found.cast} == _keys("Mina Cho", "Lee Jae-sung")


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("‘Salt Flats’ Pilot Casts Ana Ruiz, Ben Ogata, Carl Weiss & Dana Moyo",
         ("Ana Ruiz", "Ben Ogata", "Carl Weiss", "Dana Moyo")),
        ("Shin Da-eun And Yoo Min Jae Confirmed To Lead New Rom-Com “Tea For Two”", ("Shin Da-eun", "Yoo Min Jae")),
        ("Go Eun Sol Transforms Into A Cold Prosecutor In New Drama “Glass Court”", ("Go Eun Sol",)),
        ("Watch: Kim So Ra, Lee Joon Ho, And Park Eun Bi Face Off In “Iron Bell” Teaser",
         ("Kim So Ra", "Lee Joon Ho", "Park Eun Bi")),
    ],
)
def test_trade_and_fan_site_headlines_list_their_cast(headline: str, expected: tuple[str, ...]) -> None:
    assert _cast("The network shared the news on Monday.", headline) == _keys(*expected)


def test_a_to_star_in_headline_names_cast_and_creator() -> None:
    found = _only(extract("The order was announced on Monday.",
                          headline="Ana Ruiz To Star In Hulu Series ‘Salt Flats’ From Carl Weiss"))
    assert [member.name for member in found.cast] == ["Ana Ruiz"]
    assert [(credit.name, credit.job) for credit in found.creators] == [("Carl Weiss", "creator")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The series comes from creator Wendy Sato, who also serves as showrunner.",
         {("Wendy Sato", "creator"), ("Wendy Sato", "showrunner")}),
        ("The show was created by Arlo Benning.", {("Arlo Benning", "creator")}),
        ("The drama is written by Jeon Hye-rin and directed by Kwon Tae-ho.",
         {("Jeon Hye-rin", "writer"), ("Kwon Tae-ho", "director")}),
        ("Miles Hartley serves as showrunner.", {("Miles Hartley", "showrunner")}),
        ("Rieko Tanaka directs the anime at Studio Kaze.", {("Rieko Tanaka", "director")}),
        ("The reboot reunites Mira Santos (director of Salt Flats) with the network.", {("Mira Santos", "director")}),
        ("Gwen Alder and Tobias Reed are showrunners on the series.",
         {("Gwen Alder", "showrunner"), ("Tobias Reed", "showrunner")}),
        ("Episode directors include Nadia Flores and Hugo Brandt.",
         {("Nadia Flores", "director"), ("Hugo Brandt", "director")}),
        ("It is co-written by Lee Ga-eun, who wrote two hit films, and Moon Jae-ho.",
         {("Lee Ga-eun", "writer"), ("Moon Jae-ho", "writer")}),
        ("The project comes from the minds of Jeffrey Pell and Laura Quist.",
         {("Jeffrey Pell", "creator"), ("Laura Quist", "creator")}),
        ("Yuki Morimoto will be serving as director once more for Studio Aoba.", {("Yuki Morimoto", "director")}),
        ("The drama will be directed by Kwon Jae-min PD and written by Song Ha-na.",
         {("Kwon Jae-min", "director"), ("Song Ha-na", "writer")}),
        ("The series is directed by Glass Harbor director Owen Petrakis.", {("Owen Petrakis", "director")}),
        ("Its team includes EP Paula Fenn and EP/writer Ben Karsh (Other Family).",
         {("Paula Fenn", "executive producer"), ("Ben Karsh", "executive producer"), ("Ben Karsh", "writer")}),
        ("Written by Moon Ji-ho, with PD Bae Seung-won directing, the drama opens in May.",
         {("Moon Ji-ho", "writer"), ("Bae Seung-won", "director")}),
    ],
)
def test_creator_cues(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert _creators(sentence) == {(person_key(name), job) for name, job in expected}


def test_executive_producers_keep_their_job_and_source_authors_are_not_creators() -> None:
    found = _creators("The adaptation of the webtoon by original webtoon writer Baek Min-seo is produced by "
                      "Studio Dragon, with executive producer Lara Voss.")
    assert found == {(person_key("Lara Voss"), "executive producer")}
    assert _creators("The drama is based on the novel Cold Rain by writer Seo Ji-an.") == set()
    assert _creators("It is based on a manga created by Rin Hoshida, known for a hit romance, and Mei Takeuchi, "
                     "the mind behind a horror series.") == set()
    assert _creators("Based on the novel by Anna Reyes, the series is written by Tom Fordham.") == {
        (person_key("Tom Fordham"), "writer")}
    assert _creators("The series will be supervised by Kenta Hirano.") == {(person_key("Kenta Hirano"), "director")}


def test_a_credit_prefix_does_not_reach_into_the_next_sentence() -> None:
    text = "The pilot comes from writer Kevin Wade.\n\nRome's Kevin Marsh has signed onto another pilot."
    assert _creators(text) == {(person_key("Kevin Wade"), "writer")}
    assert _cast(text) == _keys("Kevin Marsh")


def test_crew_with_earlier_credits_are_not_cast() -> None:
    text = ("Norifumi Kugai (Rain Town) is handling the character designs, and illustrator Hisashi Eguchi "
            "(Blue Hour) drew the originals.")
    assert _cast(text) == set()


def test_the_job_of_the_sound_is_not_a_creator() -> None:
    assert _creators("Kana Oyama is directing the sound, and Ren Sakaki is directing the art.") == set()


def test_created_by_and_stars_gives_both() -> None:
    text = "“Delta Road” is created by and stars sketch veterans Tom Hale and Ben Arkin."
    assert _cast(text) == _keys("Tom Hale", "Ben Arkin")
    assert {name for name, _ in _creators(text)} == _keys("Tom Hale", "Ben Arkin")


def test_a_quoted_title_with_a_list_of_names() -> None:
    found = _only(extract("Netflix confirmed that “Iron Bell” with Kim Do-yun, Lee Ha-na and Park Seo-joon "
                          "will premiere in May."))
    assert [member.name for member in found.cast] == ["Kim Do-yun", "Lee Ha-na", "Park Seo-joon"]


def test_spellings_and_orders_of_one_person_are_one_cast_member() -> None:
    found = _only(extract(
        "Netflix has announced the drama “Paper Lanterns.” Ok Taec-yeon and Isomura Hayato lead the cast. "
        "Hayato Isomura plays a chef, and Ok Taecyeon plays his neighbour."
    ))
    assert {person_key(member.name) for member in found.cast} == _keys("Ok Taec-yeon", "Isomura Hayato")


def test_places_platforms_studios_and_title_words_are_not_people() -> None:
    found = find_people(
        "The series stars Seoul, Netflix and Studio Dragon. It features Werewolf Diaries and Official Site, "
        "and the cast includes Mina Cho."
    )
    assert {fact.name for fact in found if fact.kind == "cast" and " " in fact.name} == {"Mina Cho"}


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("Jung Min-seo", STRONG), ("Ok Taecyeon", STRONG), ("Shin Ye Rin", STRONG), ("Hayato Isomura", STRONG),
        ("Isomura Hayato", STRONG), ("Zhang Lin Yue", STRONG), ("Daniel J. Morgan", STRONG),
        ("Bank Thanaporn", STRONG), ("Yuriko Yoshimura", STRONG), ("More Make", PLAUSIBLE),
        ("Harbor Lights Hotel", NOT_A_NAME), ("Girl Vs City", NOT_A_NAME), ("Go Kyung-pyo Are", NOT_A_NAME),
        ("Big Harbor", PLAUSIBLE),
    ],
)
def test_name_shapes(name: str, shape: int) -> None:
    assert name_shape(name) == shape

