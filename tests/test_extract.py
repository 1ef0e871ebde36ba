"""Behaviour of the news extractor on short texts written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from bot.extract import extract, facts_to_dict, regex_starts, scan
from bot.extract.cues import index
from bot.model import Kind, SeriesFacts, Status
from bot.names import person_key, title_key

PUBLISHED = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)  # a Monday

SEED_STYLE = """
Netflix has unveiled “Soul Mate,” a Japanese live-action series set in Berlin, Seoul and Tokyo that follows a
Korean man and a Japanese man through ten years of love.

A young Japanese man (portrayed by Isomura Hayato) abandons his old life and is saved abroad by a boxer named
Johan (portrayed by Ok Taec-yeon).

The show comes from rising creator Hashizume Shunki, known for his work on “Scroll” and “More Than Words,” and
executive producer Ota Dai. Isomura, known for his roles in “The Moon” and “Extremely Inappropriate!,” said the
ten-year story built by director Hashizume moved him. Ok Taecyeon, whose credits include “Vincenzo,” trained as
a boxer to play Johan.

Netflix also confirmed its first Japanese dating reality show, “The Boyfriend,” which will air next month.

Separately, Netflix is making an untitled romance series based on the 2010 French film “Les Émotifs Anonymes”
(also known as “Romantics Anonymous”). Directed by Tsukikawa Sho (“Yu Yu Hakusho”), it stars Japan’s Oguri Shun
and Korea’s Han Hyo-joo. The series is currently in production.
"""


def run(text: str, headline: str | None = None, published: datetime | None = PUBLISHED) -> list[SeriesFacts]:
    return extract(text, headline=headline, published=published)


def titles(found: list[SeriesFacts]) -> list[str | None]:
    return [facts.title for facts in found]


def by_title(found: list[SeriesFacts], title: str | None) -> SeriesFacts:
    return next(facts for facts in found if facts.title == title)


def cast_keys(facts: SeriesFacts) -> dict[str, str | None]:
    return {person_key(member.name): member.role for member in facts.cast}


def test_seed_style_article_yields_exactly_three_series() -> None:
    found = run(SEED_STYLE, headline="Netflix Unveils Japanese Romance Series ‘Soul Mate’")
    assert titles(found) == ["Soul Mate", "The Boyfriend", None]

    soul_mate = by_title(found, "Soul Mate")
    assert soul_mate.platform == "Netflix"
    assert soul_mate.kind is Kind.DRAMA
    assert cast_keys(soul_mate) == {person_key("Isomura Hayato"): None, person_key("Ok Taec-yeon"): "Johan"}
    assert {(person_key(c.name), c.job) for c in soul_mate.creators} == {
        (person_key("Hashizume Shunki"), "creator"),
        (person_key("Hashizume Shunki"), "director"),
        (person_key("Ota Dai"), "executive producer"),
    }
    assert set(soul_mate.locations) == {"Berlin", "Seoul", "Tokyo"}
    assert set(soul_mate.countries) == {"Japan", "South Korea", "Germany"}
    assert "romance" in soul_mate.genres

    boyfriend = by_title(found, "The Boyfriend")
    assert boyfriend.kind is Kind.REALITY
    assert boyfriend.premiere_text == "next month" and boyfriend.premiere_date is None
    assert boyfriend.status is Status.PREMIERE_DATE
    assert boyfriend.countries == ("Japan",)

    untitled = by_title(found, None)
    assert untitled.based_on == "Les Émotifs Anonymes"
    assert set(cast_keys(untitled)) == {person_key("Oguri Shun"), person_key("Han Hyo-joo")}
    assert [(c.name, c.job) for c in untitled.creators] == [("Tsukikawa Sho", "director")]
    assert untitled.status is Status.IN_PRODUCTION
    assert untitled.platform == "Netflix"


@pytest.mark.parametrize(
    "text",
    [
        "Netflix has ordered “Night Ferry,” a new drama series. Its star Kim Min-ji is known for “Blue Harbor.”",
        "Netflix has ordered “Night Ferry,” a new drama series starring Kim Min-ji (“Blue Harbor”).",
        "Netflix has ordered “Night Ferry,” a new drama series. Kim Min-ji, whose credits include “Blue Harbor”, "
        "will star.",
        "Netflix has ordered “Night Ferry,” a new drama series based on the 2019 novel “Blue Harbor.”",
        "Netflix has ordered “Night Ferry” (also known as “Blue Harbor”), a new drama series.",
        "Netflix has ordered “Night Ferry,” a new drama series from the creator of “Blue Harbor.”",
        "Netflix has ordered “Night Ferry,” a new drama series. Kim Min-ji starred in “Blue Harbor” in 2021.",
    ],
)
def test_earlier_credits_do_not_leak(text: str) -> None:
    assert titles(run(text)) == ["Night Ferry"]


@pytest.mark.parametrize(
    ("headline", "text"),
    [
        ("Kim Min-ji Loses Her Temper On The Next Episode Of “Night Ferry”",
         "Kim Min-ji is about to explode on the next episode of tvN’s “Night Ferry”! The drama stars Kim as a "
         "captain. The next episode airs on Saturday at 9 p.m. KST."),
        ("Box Office: ‘Iron Field’ Tops the Weekend", "“Iron Field” earned $20 million in theaters this weekend."),
        ("‘Paper Moon’ Trailer: Animated Film Opens in November",
         "The first trailer for the animated film “Paper Moon” has arrived. The movie opens in theaters on "
         "November 21."),
        ("Girl Group NOVA Announces Comeback Album “Afterglow”",
         "NOVA will release the album “Afterglow” on June 2. The title track “Paper Sky” was written by Yuna."),
        ("“Night Ferry” Wins Best Drama At 2025 Series Awards",
         "tvN’s “Night Ferry” won the grand prize, and Kim Min-ji won best actress for the drama."),
        ("“Night Ferry” Ends On Record Ratings", "tvN’s “Night Ferry” recorded 14 percent in its finale."),
        ("Actor Kim Min-ji To Marry In June", "Kim, best known for “Night Ferry,” will marry in Seoul in June."),
    ],
)
def test_items_that_announce_no_series(headline: str, text: str) -> None:
    assert run(text, headline=headline) == []


@pytest.mark.parametrize(
    ("headline", "title", "status"),
    [
        ("Harbor Lights Renewed for Season 2", "Harbor Lights", Status.RENEWED),
        ("Netflix Orders Korean Thriller Series Night Shift From Writer Kim Soo-ah", "Night Shift", Status.ANNOUNCED),
        ("Glass Garden Gets Premiere Date at Hulu", "Glass Garden", Status.ANNOUNCED),
        ("Exclusive: Starz Cancels Velvet Hours After One Season", "Velvet Hours", Status.CANCELLED),
    ],
)
def test_unquoted_headline_titles(headline: str, title: str, status: Status) -> None:
    body = f"The network confirmed the news about the series {title} on Tuesday. {title} is a drama series."
    found = run(body, headline=headline)
    assert titles(found) == [title]
    assert found[0].status is status


def test_dates_resolve_against_the_publication_date() -> None:
    text = "Disney+ confirmed that its new drama “Glass Garden” will premiere on June 14."
    assert run(text)[0].premiere_date == date(2025, 6, 14)
    assert run(text)[0].status is Status.PREMIERE_DATE
    # Without a publication date the year is unknown, so the words are kept.
    undated = run(text, published=None)[0]
    assert undated.premiere_date is None and undated.premiere_text == "June 14"
    # A month and day already well past roll over to next year.
    late = run(text, published=datetime(2025, 11, 20, tzinfo=UTC))[0]
    assert late.premiere_date == date(2026, 6, 14)


@pytest.mark.parametrize(
    ("phrase", "day", "words"),
    [
        ("premieres next Wednesday", date(2025, 5, 14), None),
        ("will premiere on Friday, June 6", date(2025, 6, 6), None),
        ("will premiere in September", None, "September"),
        ("is slated for a fall 2025 release", None, "fall 2025"),
        ("will premiere later this year", None, "later this year"),
        ("arrives tomorrow", date(2025, 5, 13), None),
        ("will launch on 2025-08-01", date(2025, 8, 1), None),
    ],
)
def test_premiere_phrases(phrase: str, day: date | None, words: str | None) -> None:
    found = run(f"Netflix announced that its new drama series “Glass Garden” {phrase}.")
    assert (found[0].premiere_date, found[0].premiere_text) == (day, words)


def test_time_slots_and_unrelated_dates_are_not_premieres() -> None:
    text = ("On May 9, tvN announced its new drama “Glass Garden.” Filming begins in June, and the drama will air "
            "in the Monday 9 p.m. slot.")
    found = run(text)
    assert found[0].premiere_date is None and found[0].premiere_text is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The drama stars Kim Min-ji as Hong Yeon and Park Jae-won as Seo Jun.",
         {"Kim Min-ji": "Hong Yeon", "Park Jae-won": "Seo Jun"}),
        ("A detective named Hong Yeon (portrayed by Kim Min-ji) leads the case.", {"Kim Min-ji": "Hong Yeon"}),
        ("Kim Min-ji plays the detective Hong Yeon.", {"Kim Min-ji": "Hong Yeon"}),
        ("Kim Min-ji and Park Jae-won will star.", {"Kim Min-ji": None, "Park Jae-won": None}),
        ("Kim Min-ji, Park Jae-won and Lee Ha-eun have been cast in the lead roles.",
         {"Kim Min-ji": None, "Park Jae-won": None, "Lee Ha-eun": None}),
        ("The cast includes Kim Min-ji (Hong Yeon) and Park Jae-won.",
         {"Kim Min-ji": "Hong Yeon", "Park Jae-won": None}),
    ],
)
def test_cast_patterns(sentence: str, expected: dict[str, str | None]) -> None:
    found = run("tvN has announced its new mystery drama “Glass Garden.” " + sentence)
    assert cast_keys(found[0]) == {person_key(name): role for name, role in expected.items()}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It is created by Dana Whitfield and directed by Owen Pryce.",
         {("Dana Whitfield", "creator"), ("Owen Pryce", "director")}),
        ("Written and directed by Mira Janssen, it has six episodes.",
         {("Mira Janssen", "writer"), ("Mira Janssen", "director")}),
        ("Executive producer Tova Reyes and showrunner Marcus Lind lead the team.",
         {("Tova Reyes", "executive producer"), ("Marcus Lind", "showrunner")}),
        ("Jonas Ekberg will write and direct.", {("Jonas Ekberg", "writer"), ("Jonas Ekberg", "director")}),
        ("Helen Marsh, who serves as showrunner, adapted the book.", {("Helen Marsh", "showrunner")}),
    ],
)
def test_creator_patterns(sentence: str, expected: set[tuple[str, str]]) -> None:
    found = run("HBO has ordered the drama series “Salt Widows.” " + sentence)
    assert {(person_key(c.name), c.job) for c in found[0].creators} == {(person_key(n), j) for n, j in expected}


def test_names_in_both_orders_and_hyphenations_are_one_person() -> None:
    text = ("Netflix has announced the drama series “Glass Garden,” starring Ok Taec-yeon and Isomura Hayato. "
            "Ok Taecyeon plays Johan, and Hayato Isomura plays Ren.")
    found = run(text)
    assert cast_keys(found[0]) == {person_key("Ok Taec-yeon"): "Johan", person_key("Isomura Hayato"): "Ren"}


@pytest.mark.parametrize(
    ("phrase", "platform", "country"),
    [
        ("tvN’s upcoming drama", "tvN", "South Korea"),
        ("Disney Plus’s new drama", "Disney+", None),
        ("the Amazon Prime Video drama", "Prime Video", None),
        ("NHK’s new drama", "NHK", "Japan"),
        ("iQIYI’s new drama", "iQIYI", "China"),
        ("the new drama on Max", "Max", None),
    ],
)
def test_platforms_are_canonical(phrase: str, platform: str, country: str | None) -> None:
    found = run(f"Casting news: {phrase} “Glass Garden” has been confirmed, with filming set for June.")
    assert found[0].platform == platform
    assert (country in found[0].countries) if country else True


def test_ambiguous_platform_words_need_a_platform_position() -> None:
    found = run("Netflix has announced the drama series “Glass Garden,” starring Max Irons as a gardener.")
    assert found[0].platform == "Netflix"
    assert person_key("Max Irons") in cast_keys(found[0])


def test_films_are_not_series() -> None:
    assert run("Netflix has announced “Glass Garden,” a new film starring Kim Min-ji, due in theaters in May.") == []


def test_slate_round_up_announces_each_series() -> None:
    headline = "Netflix Unveils Its 2026 Korean Series Slate"
    text = ("Netflix announced its Korean series lineup for next year on Wednesday.\n"
            "“Paper Tigers” is a crime thriller starring Hwang Min-woo.\n"
            "“Winter Orchard” is a melodrama about two sisters.\n"
            "The dating show “Single’s Island” returns for a fifth season.")
    assert titles(run(text, headline=headline)) == ["Paper Tigers", "Winter Orchard", "Single’s Island"]


def test_japanese_anime_announcement() -> None:
    headline = "TVアニメ『星屑ランタン』2025年7月放送開始決定"
    text = ("TVアニメ『星屑ランタン』が2025年7月よりTOKYO MXにて放送開始することが決定した。\n"
            "【キャスト】\nミナト：佐倉陽菜\n【スタッフ】\n監督：森下誠\nシリーズ構成：岡田涼子")
    found = run(text, headline=headline)
    assert titles(found) == ["星屑ランタン"]
    anime = found[0]
    assert anime.kind is Kind.ANIME
    assert anime.platform == "Tokyo MX"
    assert anime.premiere_text == "2025年7月"
    assert [(m.name, m.role) for m in anime.cast] == [("佐倉陽菜", "ミナト")]
    assert {(c.name, c.job) for c in anime.creators} == {("森下誠", "director"), ("岡田涼子", "writer")}


def test_japanese_episode_preview_yields_none() -> None:
    text = "「星屑ランタン」第10話 放送予告\nTOKYO MXにて毎週日曜放送中！"
    assert run(text, headline="「星屑ランタン」第10話 予告") == []


def test_feed_tails_are_ignored() -> None:
    text = ("tvN has confirmed the new drama “Glass Garden” starring Kim Min-ji… Continue reading Kim Min-ji Joins "
            "“Other Show” The post Kim Min-ji Joins “Other Show” appeared first on Example.")
    assert titles(run(text)) == ["Glass Garden"]


def test_facts_to_dict_shape() -> None:
    found = run(SEED_STYLE, headline="Netflix Unveils Japanese Romance Series ‘Soul Mate’")
    data = [facts_to_dict(facts) for facts in found]
    json.dumps(data, ensure_ascii=False)
    for item in data:
        assert set(item) >= {"title", "platform", "kind", "status", "premiere_date", "premiere_text", "cast",
                             "creators", "producers", "countries", "genres", "based_on"}
        assert all(set(member) == {"name", "role"} for member in item["cast"])  # type: ignore[attr-defined]
        for credit in [*item["creators"], *item["producers"]]:  # type: ignore[misc]
            assert set(credit) == {"name", "job"}
    assert data[1]["premiere_text"] == "next month"
    assert data[0]["status"] in {s.value for s in Status}


def test_empty_and_whitespace_inputs() -> None:
    assert run("") == []
    assert run("   \n\n ", headline="  ") == []


def test_index_finds_what_a_plain_scan_finds() -> None:
    cue_index = index()
    text = SEED_STYLE + " On the next episode, ratings rose. The series was renewed; it premiered at the box office."
    found = cue_index.run(text)
    for name, pattern in cue_index.patterns.items():
        assert [m.span() for m in found[name]] == [m.span() for m in pattern.finditer(text)], name


def test_index_reads_two_word_starts_across_any_whitespace() -> None:
    import re

    cue_index = scan.Index({"lead": re.compile(r"\bthe\s+season\s+of\b", re.I),
                            "day": re.compile(r"\btonight['’]s\b", re.I),
                            "word": re.compile(r"\btonight\b", re.I)})
    text = "The\nseason  of gold, tonight’s show and tonight's episode; the seasons of old."
    found = cue_index.run(text)
    for name, pattern in cue_index.patterns.items():
        assert [m.span() for m in found[name]] == [m.span() for m in pattern.finditer(text)], name
    assert len(found["lead"]) == 1 and len(found["day"]) == 2 and len(found["word"]) == 2


def test_index_scans_a_capitalised_alternative_as_the_pattern_finds_it() -> None:
    import re

    pattern = re.compile(r"\bpremiere\s+of\b|(?:\b(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)?['’]s\s+new\s+show\b)", re.I)
    cue_index = scan.Index({"owner": pattern})
    scanner, need = cue_index.broad["owner"]
    assert scanner.pattern.startswith("(?-i:[A-Z])")
    # The scan runs only over a text that holds "’s new show" somewhere, in any case.
    assert need is not None and need.search("Orla Venn’s NEW\nshow") and not need.search("Orla Venn's show")
    text = ("Orla Venn's new show, then aDov Brisk's new show and Pell’s NEW show; "
            "the premiere of Quay Marsh Tollan's new show.")
    found = cue_index.run(text)
    assert [m.span() for m in found["owner"]] == [m.span() for m in pattern.finditer(text)]
    assert len(found["owner"]) == 5


def test_index_files_each_alternative_under_its_own_starts_and_letter_case() -> None:
    import re

    # One alternative has too many two-word starts (any network's "new" or "hit" show); the other keeps its
    # two words. The case-sensitive network names are tried only where the text writes their capitals.
    networks = "|".join(f"{name}{n}" for name in ("Arrow", "Tide", "Lark") for n in range(40))
    pattern = re.compile(rf"\bthe\s+season\s+of\b|\b(?-i:(?:{networks}|A&E))['’]s\s+(?:new|hit|big|odd)\s+show\b",
                         re.I)
    cue_index = scan.Index({"cue": pattern})
    read = scan._read_alternatives(pattern)[0]
    assert read is not None and read[0][1] == {"the season": (True, None)}
    text = ("And the season of Tide7's new show; A&E's hit show, a&e's new show and an Arrow3’s new show. "
            "The Season of ARROW3's new show")
    found = cue_index.run(text)
    assert [m.span() for m in found["cue"]] == [m.span() for m in pattern.finditer(text)]
    assert len(found["cue"]) == 5
    assert cue_index._names(None, "a", "a") == () and cue_index._names(None, "a", "A") == (("cue", 1, read[1][0]),)


def test_index_tries_only_the_alternatives_filed_where_it_stands_and_keeps_the_pattern_groups() -> None:
    import re

    pattern = re.compile(
        r"(?P<order>\bseries\s+order\b)|\bthe\s+(?P<ordinal>first|second)\s+season\b|(?P<bare>\bseries\b)", re.I)
    cue_index = scan.Index({"cue": pattern})
    order, _, bare = (tried.pattern for tried in cue_index.alternatives["cue"])
    assert [tried[2].pattern for tried in cue_index._names("series order", None, "s")] == [order, bare]
    assert [tried[2].pattern for tried in cue_index._names("series", None, "s")] == [bare]
    text = "A series order for the second season; the Series, then THE FIRST SEASON."
    found = cue_index.run(text)
    expected = list(pattern.finditer(text))
    assert [(m.span(), m.lastgroup, m.groupdict()) for m in found["cue"]] == [
        (m.span(), m.lastgroup, m.groupdict()) for m in expected]
    assert [m.lastgroup for m in found["cue"]] == ["order", "ordinal", "bare", "ordinal"]


def test_index_tries_an_alternative_that_may_start_with_cjk_where_its_cjk_starts_open() -> None:
    import re

    # The middle alternative starts with a word or with CJK: it does not split off, and is tried where its CJK may.
    pattern = re.compile(r"\bthe\s+drama\b|(?:Harbor|ハーバー)['’]s\s+new\b|\bnew\s+drama\b|ドラマ", re.I)
    cue_index = scan.Index({"cue": pattern})
    numbers, opener = cue_index.cjk["cue"]
    assert numbers == (1, 3) and opener.pattern == "[ドハ]"
    text = "ハーバー’s new drama, Harbor's new drama and the drama; “ドラマ” and ハーバーの the ドラマ."
    found = cue_index.run(text)
    assert [m.span() for m in found["cue"]] == [m.span() for m in pattern.finditer(text)]
    assert len(found["cue"]) == 5


def test_alternatives_are_read_through_a_group_that_wraps_the_pattern_after_a_word_boundary() -> None:
    assert regex_starts.branches(r"\b(?:is\s+in|(?:are|were)\s+on)") == [r"\b(?:is\s+in)", r"\b(?:(?:are|were)\s+on)"]
    assert regex_starts.branches(r"(?:\b(?:a|b))") == [r"\b(?:a)", r"\b(?:b)"]
    # The boundary belongs to the group it stands before, not to what follows the group.
    assert regex_starts.branches(r"\b(?:a)|b") == [r"\b(?:a)", "b"]
    assert regex_starts.branches(r"\b(?:a|b)c") == [r"\b(?:a|b)c"]


def test_a_boundary_before_a_possessive_lets_a_match_start_inside_a_word() -> None:
    import re

    pattern = re.compile(r"\b(?:['’]s\s+(?:new\s+)?film|dramas?)\b", re.IGNORECASE)
    found = scan.Index({"cue": pattern}).run("Hulu’s new film and two dramas")["cue"]
    assert [match.group() for match in found] == [match.group() for match in pattern.finditer(
        "Hulu’s new film and two dramas")] == ["’s new film", "dramas"]


def test_literal_starts() -> None:
    import re

    starts = regex_starts.literal_starts(re.compile(r"\b(?:Announc(?:e|ed)|set\s+to)\b", re.I))
    assert starts is not None and set(starts) == {"announce", "announced", "set"} and starts["set"]
    assert regex_starts.literal_starts(re.compile(r"\w+ing")) is None
    # Each alternative keeps its own end: "a" is a whole word even beside a digit alternative.
    starts = regex_starts.literal_starts(re.compile(r"\b(?:a|the|\d+(?:st|nd))\s+season\b", re.I))
    assert starts is not None and starts["a"] and starts["the"] and not starts["1"]
    two = regex_starts.literal_starts(re.compile(r"\b(?:a|the)\s+season\s+of\b|\bseries\b", re.I), words=2)
    assert two == {"a season": True, "the season": True, "series": True}
    assert title_key("‘Soul Mate’") == title_key("Soul Mate")


def test_a_trailer_release_day_is_not_the_premiere_date() -> None:
    from datetime import UTC, datetime

    from bot.extract import extract

    (found,) = extract("The official website of the TV anime “Clockwork Garden” released its first trailer on "
                       "Thursday. The series will air on TV Tokyo in July 2027.",
                       headline="“Clockwork Garden” Anime Reveals First Trailer",
                       published=datetime(2026, 11, 12, tzinfo=UTC))
    assert found.title == "Clockwork Garden" and found.platform == "TV Tokyo"
    assert found.premiere_date is None and found.premiere_text == "July 2027"


def test_a_listing_dates_each_show_with_a_line_of_its_own() -> None:
    text = ("What to stream in June\n\nLantern Alley\n\nJune 4th\nLantern Alley is a three-part Netflix docuseries "
            "about a quiet town.\n\nSalt Roads\n\n12 June\nSalt Roads is a new Netflix drama series about smugglers.")
    found = {facts.title: facts for facts in run(text)}
    assert found["Lantern Alley"].premiere_date == date(2025, 6, 4)
    assert found["Salt Roads"].premiere_date == date(2025, 6, 12)
    assert {facts.status for facts in found.values()} == {Status.PREMIERE_DATE}


def test_a_dated_dateline_is_not_a_premiere() -> None:
    text = "June 4, 2025\nNetflix has ordered Lantern Alley, a three-part docuseries about a quiet town."
    assert [facts.premiere_date for facts in run(text)] == [None]


@pytest.mark.parametrize(("text", "platform"), [
    ("Lantern Alley, a new monster drama series, has been ordered. It stars Ana Lisk and Max Ortega (Iron Bells).",
     None),
    ("The new drama series Lantern Alley premieres on Max Thursday, June 5.", "Max"),
])
def test_an_ambiguous_platform_name_before_a_surname_is_a_person(text: str, platform: str | None) -> None:
    assert [facts.platform for facts in run(text)] == [platform]


def test_lead_filter_answers_as_its_pattern_does() -> None:
    from bot.extract.frames import frames
    from bot.extract.leads import LeadFilter

    table = frames()
    afters = [" has been renewed for a second season", "’s third season is coming", ", a comedy series from",
              " (Netflix) premieres", " said on Monday", ", which premieres in May", "  was cancelled",
              " will be back", ", the actor said", "", " on Hulu", "-led drama", " creator said", " is",
              " haſ been renewed", " İS back", " ıs set to premiere", " \u212aicks off"]
    for pattern in (table.after_news, table.after_type, table.after_weak, table.credit_after, table.after_person):
        lead = LeadFilter(pattern)
        for after in afters:
            for text in (after, after.upper(), after.replace(" ", "\n")):
                assert lead.matches(text) == (pattern.match(text) is not None), (pattern.pattern[:40], text)


def test_needed_after_finds_the_literal_part_past_a_run_of_any_words() -> None:
    import re

    pattern = re.compile(r"\bthe\s+(?:\w+\s+){0,3}?(?:drama|series)\s+(?:from|by)\s+(?-i:[A-Z])", re.I)
    need = regex_starts.needed_after(pattern)
    assert need is not None
    # Found wherever the pattern matches, in any letter case (a long s and a dotted capital I too).
    for text in ("the odd new drama from Ana", "THE ODD SERIES BY Ana", "the ſeries by Ana", "the drama İn by Ana"):
        assert bool(need.search(text)) == bool(re.search(r"(?i:drama|series)\s+(?i:from|by)\s+[A-Z]", text))
        if pattern.search(text):
            assert need.search(text)
    assert not need.search("the odd new drama from ana") and need.search("the ſeries by Ana")
    # Nothing runs over many words before its first literal part: the start alone tells.
    assert regex_starts.needed_after(re.compile(r"\bseason\s+of\s+\w+", re.I)) is None
    assert regex_starts.unparse([]) == ""


def test_required_text_is_the_longest_literal_every_match_holds() -> None:
    import re

    assert regex_starts.required_text(re.compile(r"\b(?P<lang>[A-Z][a-z]{2,12})-language\b")) == "-language"
    assert regex_starts.required_text(re.compile(r"ab(?:c|d)efg?h")) == "ab"
    assert regex_starts.required_text(re.compile(r"a|bcd")) is None
    assert regex_starts.required_text(re.compile(r"-language", re.IGNORECASE)) is None
