"""Credit shapes of real news the dev set shows too rarely: names with several initials, award credits written
as one hyphenated word or joined by "and", descriptor phrases before a name, a capitalised descriptor opening a
sentence.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from tests.extract_texts import cast_of, found


def creators_of(body: str, headline: str | None, title: str) -> list[str]:
    return [person.name for person in found(body, headline)[title].creators]


def test_a_name_opening_with_two_initials_is_read_whole() -> None:
    body = ("Netflix has ordered the drama Pale Lantern, starring J.D. Hollis, E.L. Varga and Mina Torres. The series "
            "is written by A.J. Brand.")
    headline = "Netflix orders Pale Lantern"
    assert cast_of(body, headline, "Pale Lantern") == ["J.D. Hollis", "E.L. Varga", "Mina Torres"]
    assert creators_of(body, headline, "Pale Lantern") == ["A.J. Brand"]


def test_a_hyphenated_award_credit_before_a_name_is_skipped() -> None:
    body = "Hulu has ordered the drama Lantern Bay, starring the Emmy-winning Rosa Delacroix in the title role."
    assert cast_of(body, "Hulu orders Lantern Bay", "Lantern Bay") == ["Rosa Delacroix"]


def test_two_award_credits_joined_by_and_are_skipped_together() -> None:
    body = ("Apple TV+ has ordered the drama Harrow Lane. Written by Emmy winner and Golden Globe nominee Calla "
            "Benet, the series stars Ivo Strand.")
    assert creators_of(body, "Apple TV+ orders Harrow Lane", "Harrow Lane") == ["Calla Benet"]


def test_names_after_a_described_descriptor_are_read() -> None:
    body = ("JTBC's upcoming drama Quiet River stars already confirmed leads Park Ji Hoon and Kang Mi Rae who will be "
            "joined by newly announced leads Yoon Seo Jin and Choi Dae Ho. The series will air in May.")
    cast = cast_of(body, "JTBC drama Quiet River completes its cast", "Quiet River")
    assert cast == ["Park Ji Hoon", "Kang Mi Rae", "Yoon Seo Jin", "Choi Dae Ho"]


def test_a_capitalised_descriptor_opening_a_sentence_is_no_part_of_the_name() -> None:
    body = ("Hulu has ordered the drama Lantern Bay. Newcomer Sarah Ashe and rising star Mirela Kost also star in the "
            "series.")
    cast = cast_of(body, "Hulu orders Lantern Bay", "Lantern Bay")
    assert "Sarah Ashe" in cast and "Mirela Kost" in cast
    assert not any(name.startswith("Newcomer") for name in cast)


def test_initials_before_a_surname_end_no_sentence_for_a_backward_list() -> None:
    body = ("Netflix has ordered the thriller Cold Meridian from creator Tam Ruiz. Ruiz and K.T. Mallory (Night Desk) "
            "will serve as co-showrunners. The cast includes Dev Arnott Jr. and Lise Haar.")
    facts = found(body, "Netflix orders Cold Meridian")["Cold Meridian"]
    assert "K.T. Mallory" in [person.name for person in facts.creators]
    assert [person.name for person in facts.cast] == ["Dev Arnott Jr.", "Lise Haar"]


def test_a_cited_outlet_before_a_name_is_no_cast_member() -> None:
    body = ("Emmy winner Joan Turrell has joined the cast of the Apple TV+ thriller Glass Office. According to The "
            "Harbor Courier, Turrell will play Irma, a long-time employee.")
    cast = cast_of(body, "Joan Turrell joins Glass Office", "Glass Office")
    assert "Harbor Courier" not in cast and "Joan Turrell" in cast


def test_earlier_credits_in_parentheses_after_a_director_are_no_cast() -> None:
    body = ("Netflix has ordered the fantasy drama Oak Crown, starring Mara Vell. Tessa Grin (Ray Dorsey, Jenna "
            "Cole) is set to direct the first two episodes.")
    facts = found(body, "Netflix orders Oak Crown")["Oak Crown"]
    cast = [person.name for person in facts.cast]
    assert "Ray Dorsey" not in cast and "Jenna Cole" not in cast
    assert "Tessa Grin" in [person.name for person in facts.creators]


def test_a_writer_and_showrunner_alongside_another_shares_both_jobs() -> None:
    body = ("HBO has given a series order to the drama Glass Orchard. Lena Vost writes and showruns alongside Piet "
            "Harlan.")
    makers = found(body, "HBO orders Glass Orchard")["Glass Orchard"].creators
    assert {(person.name, person.job) for person in makers} >= {
        ("Lena Vost", "writer"), ("Piet Harlan", "writer"), ("Piet Harlan", "showrunner")}


def test_a_director_who_helmed_the_other_episodes_is_a_creator() -> None:
    body = ("HBO has given a series order to the drama Glass Orchard. Ondine Marsh directed the pilot and Carel Dunn "
            "helmed the other two episodes as director.")
    makers = found(body, "HBO orders Glass Orchard")["Glass Orchard"].creators
    assert {"Ondine Marsh", "Carel Dunn"} <= {person.name for person in makers}
