"""More shapes of real news: feed headlines, explainer and gossip headlines, round-ups and slates.

Every text here is written for these tests; none is taken from a news site.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.text import build_document
from bot.model import Status
from tests.extract_texts import found

# --- names that are no titles ------------------------------------------------------------------------------


def test_a_distributor_before_an_active_verb_is_no_title() -> None:
    headline = "‘Moth Garden’ At 40: Corvane Acquires Restored Classic"
    body = "Corvane picks up the restored cult classic ahead of a 40th anniversary screening in Chicago."
    assert found(body, headline) == {}


def test_a_title_before_a_passive_verb_still_is_one() -> None:
    series = found("Lantern Row has been picked up for a second season at Starz, the network said on Monday.")
    assert "Lantern Row" in series


def test_the_last_name_of_a_starring_list_is_a_person() -> None:
    headline = "Exclusive: Arjun Mehta, Kabir Solanki, Rohan Batra to come together for teaser launch"
    body = ("The war drama, starring Arjun Mehta, Kabir Solanki, Dev Rawal, and Rohan Batra, is slated to hit the "
            "big screen on May 22. The makers have begun their promotional campaign with posters.")
    assert "Rohan Batra" not in found(body, headline)


def test_a_gossip_question_names_no_series() -> None:
    headline = "Mira Cole and Theo Vance Engaged? First Look at Their Romance in The Drama Club"
    body = ("Mira Cole and Theo Vance are making headlines after unveiling the first look of their upcoming "
            "romantic comedy film, The Drama Club. The poster shows Cole wearing a sparkling ring.")
    assert found(body, headline) == {}


# --- episode news of a show on air --------------------------------------------------------------------------


def test_stills_ahead_of_tonights_episode_are_no_news_of_the_show() -> None:
    headline = "Kim Ha Neul Faces A Shocking Betrayal In “Quiet Harbor”"
    body = ("MBC’s “Quiet Harbor” has unveiled new stills ahead of tonight’s episode! “Quiet Harbor” is a mystery "
            "drama about three lawyers who face a scandal from their past.")
    assert found(body, headline) == {}


def test_stills_ahead_of_a_premiere_are_news() -> None:
    headline = "Kim Ha Neul Plays A Fearless Lawyer In “Quiet Harbor” First Stills"
    body = "MBC’s upcoming drama “Quiet Harbor” has unveiled first stills ahead of its premiere on May 2!"
    assert "Quiet Harbor" in found(body, headline)


def test_a_ratings_story_about_first_episodes_reports_the_premiere() -> None:
    headline = "Lee Jun Ho And NOVA*STAR’s Han Ga Eun’s “Winter Orchard” Joins Drama Ratings Race"
    body = ("KBS’s new drama “Winter Orchard” has entered the ratings battle! On April 4, the new melodrama starring "
            "Lee Jun Ho and NOVA*STAR’s Han Ga Eun aired its first two episodes. According to Nielsen Korea, "
            "“Winter Orchard” premiered to average nationwide ratings of 3.2 percent.")
    series = found(body, headline, datetime(2026, 4, 5, 9, 0, tzinfo=UTC))
    assert list(series) == ["Winter Orchard"]
    facts = series["Winter Orchard"]
    assert facts.status is Status.PREMIERED
    assert facts.premiere_date is not None and facts.premiere_date.isoformat() == "2026-04-04"
    assert "NOVA" not in {person.name for person in facts.cast}


def test_a_ratings_story_about_a_later_episode_stays_silent() -> None:
    headline = "“Winter Orchard” Holds Steady In Ratings"
    body = "KBS’s “Winter Orchard” earned an average nationwide rating of 3.1 percent for its fifth episode."
    assert found(body, headline) == {}


# --- headline titles ----------------------------------------------------------------------------------------


def test_romanised_japanese_titles_keep_their_particles() -> None:
    series = found("The anime segment once aired on a morning programme.",
                   "Hoshizora no Kanata ni Children's Anime Shorts Return After 20 Years")
    assert "Hoshizora no Kanata ni" in series


def test_a_long_romanised_title_before_anime_with_its_tv_debut() -> None:
    headline = ("Yume Miru Neko to Ginga no Hoshi ga Kirei na Machi no Monogatari Anime's Video Reveals More Cast, "
                "May 3 TV Debut")
    series = found("Aoi Sato and Ren Ito join the cast.", headline)
    title = "Yume Miru Neko to Ginga no Hoshi ga Kirei na Machi no Monogatari"
    assert title in series
    assert series[title].premiere_date is not None and series[title].premiere_date.isoformat() == "2026-05-03"


def test_a_long_light_novel_title_in_prose() -> None:
    body = ("On Monday, the official website for The Baker's Daughter and the Dragon Who Used to Be Her Rival "
            "anime shared a new promotional video and announced that the series will premiere on July 9 on "
            "Tokyo MX.")
    assert "The Baker's Daughter and the Dragon Who Used to Be Her Rival" in found(body)


def test_two_franchise_shows_in_an_explainer_headline() -> None:
    series = found("Fans have waited for months, and here is when both shows will be back.",
                   "Why Harbor Station And Harbor Patrol Are Returning So Late This Spring")
    assert {"Harbor Station", "Harbor Patrol"} <= set(series)


def test_a_title_with_and_stays_one_title() -> None:
    series = found("NBC has renewed the comedy for a third season.", "Salt And Pepper Renewed For Season 3")
    assert "Salt And Pepper" in series


# --- round-ups and slates -----------------------------------------------------------------------------------


def test_an_anime_lead_that_adapts_a_manga_is_series_news() -> None:
    headline = ("After the 12th episode of the Silver Orchard anime—which adapts the manga by Harbor Days author "
                "Rina Okabe—aired, a second season was immediately announced. Silver Orchard season 2 is set "
                "for a fall premiere.")
    assert "Silver Orchard" in found("A new visual arrived this week.", headline)


def test_a_slate_gives_each_show_a_paragraph() -> None:
    headline = "Studio Kite Announces Three New Anime Productions"
    body = ("Studio Kite officially announced development of three anime series at a convention this weekend.\n"
            "Night Loom, based on the novel series by Aya Mori, will be produced by Studio Reed.\n"
            "Paper Moths, adapted from a popular computer game, will be animated by Studio Reed.\n"
            "Starlight Rescue! The Next Mission will be directed by Ken Arai.")
    assert {"Night Loom", "Paper Moths", "Starlight Rescue! The Next Mission"} <= set(found(body, headline))


def test_an_exclamation_inside_a_title_does_not_end_the_sentence() -> None:
    doc = build_document("Starlight Rescue! The Next Mission will be directed by Ken Arai. Wow! It is fun.", None)
    assert len(doc.sentences) == 3


def test_a_country_initialism_before_the_ends_a_sentence() -> None:
    doc = build_document("It airs on AMC in the U.S. The show is based on a Danish drama.", None)
    assert len(doc.sentences) == 2


def test_round_up_descriptors_slogans_and_franchises_are_no_series() -> None:
    headline = "Netflix’s Reality Dating Trailer Promises Chaos All Year"
    body = ("Last month Netflix announced a multitude of reality dating shows coming soon to the service. The "
            "press release included the slogan “Love Never Sleeps,” preparing audiences for what is to come. "
            "Netflix could corner a market once dominated by ABC’s The Rose Ceremony franchise.\n"
            "The next show to debut will be The Swap on April 6.\n"
            "Another show that’s raised some eyebrows is Cousins and Crushes. It brings siblings together.")
    series = found(body, headline)
    assert {"The Swap", "Cousins and Crushes"} <= set(series)
    assert not {"Reality Dating", "Love Never Sleeps", "The Rose Ceremony"} & set(series)


def test_a_sentence_opening_with_a_participle_clause_has_the_title_as_subject() -> None:
    headline = "Netflix: the best new shows to watch in May"
    body = ("Including Street Level and Moon Court\n"
            "May 3rd\n"
            "Adapted from the 2019 film, Street Level is a gritty French series about a music video director.\n"
            "May 10th\n"
            "Moon Court is a docuseries about a small-town judge.")
    assert "Street Level" in found(body, headline)


def test_created_by_before_a_title_is_no_credit_of_it() -> None:
    headline = "Netflix Unveils Four New Turkish Series"
    body = ("Netflix unveiled four new series that will start production shortly.\n"
            "Created and directed by Deniz Aksoy, Night Shift tells the story of an ordinary taxi driver. "
            "The series follows him over one long night.")
    assert "Night Shift" in found(body, headline)


def test_mr_and_mrs_is_one_title() -> None:
    body = ("A legal comedy, the Kit Ray-led Fogline and a second season of Mr. & Mrs. Parker are among the orders "
            "revealed by Prime Video at its upfront presentation.")
    assert "Mr. & Mrs. Parker" in found(body)


def test_joining_a_cast_is_news_of_the_show() -> None:
    body = ("Nina Holt has joined the cast of Murders on Elm Street, along with Dale Brooks. The comedy returns to "
            "Hulu next year.")
    assert "Murders on Elm Street" in found(body)


def test_a_raft_of_commissions_is_a_slate() -> None:
    headline = "BBC Two Makes Raft of Commissions"
    body = ("LONDON: New programming has been commissioned by BBC Two across factual, drama and comedy.\n"
            "In the way of commissioned content, BBC Two ordered the factual program Lab Rats Live.\n"
            "The political thriller Iron Vote is from Sam Clarke (Night Desk). The four-part series explores the "
            "ties between a government and the banks.")
    assert {"Lab Rats Live", "Iron Vote"} <= set(found(body, headline))


def test_bringing_a_property_to_life_names_the_adaptation() -> None:
    body = ("Fox also announced that Bento Box Entertainment will be working to bring Corbin’s Mousetrap to life. "
            "The last time Mousetrap was adapted, it was a cartoon.")
    series = found(body)
    assert "Mousetrap" in series
    assert series["Mousetrap"].platform == "Fox"


@pytest.mark.parametrize("verb", ["renews", "orders", "picks up", "cancels"])
def test_a_network_before_an_active_verb_is_no_title(verb: str) -> None:
    assert "Corvane" not in found(f"Corvane {verb} the comedy Lantern Row for a second season.")


# --- trade-press order news ---------------------------------------------------------------------------------


def test_a_title_that_landed_a_series_order_is_news() -> None:
    body = ("Niamh Kerr will stay in the Harbor Unit universe after a backdoor pilot, since Harbor Unit: Coast has "
            "landed a formal series order at ABC.")
    assert "Harbor Unit: Coast" in found(body)


def test_a_star_before_a_type_word_and_its_title_is_no_title() -> None:
    series = found("The final ABC pickup is for the Dana Ruiz comedy series Still Kicking. "
                   "The series stars Ruiz as a newly single obituary writer.")
    assert "Still Kicking" in series
    assert "Dana Ruiz" not in series


def test_a_dash_line_about_a_person_is_no_list_item() -> None:
    headline = "CBS Hands Series Orders To A Trio Of Dramas"
    body = ("CBS on Thursday handed series orders to a trio of dramas, including Ember Ridge.\n"
            "Ember Ridge stars Cole Marsh as a young convict who joins a firefighting program.\n"
            "Marsh — who will juggle another series with his new duties — co-wrote the story.\n"
            "Tide Court — from writers Ana Bell and Rob Lin — follows a newly promoted police captain.")
    series = found(body, headline)
    assert "Marsh" not in series
    assert "Ember Ridge" in series
    assert "Hands" not in series


def test_a_market_showcase_is_a_slate_when_its_lead_names_new_series() -> None:
    headline = "The spring market gets under way"
    body = ("LISBON: Nine new animated TV series and specials from six countries are among the projects being "
            "pitched to buyers this week.\n"
            "Also aimed at adults is the Danish series Night Owls – a 10×7’ exploration of shift work. "
            "Writer-director Ida Holm captures the loneliness of the night.\n"
            "From Portugal comes Tidal Letters, a hand-drawn compendium of short stories. The series mines old "
            "sea shanties for a family audience.")
    assert {"Night Owls", "Tidal Letters"} <= set(found(body, headline))


def test_places_award_categories_and_scare_quotes_are_no_titles() -> None:
    headline = "Netflix Unveils Eight Films And An Original Series From India"
    body = ("Netflix on Friday announced a new line-up of eight films and an original series.\n"
            "The new series “Paper Lanterns” is set in Kerala and revolves around a haunted school. It is touted as "
            "a Netflix “Original,” though a studio produced it.\n"
            "Its last show won the following awards:\n"
            "Best Directing\n"
            "Best Writing")
    series = found(body, headline)
    assert "Paper Lanterns" in series
    assert not {"Kerala", "Original", "Best Directing", "Best Writing"} & set(series)


def test_stills_of_a_character_before_the_next_episode_are_no_news_of_the_show() -> None:
    headline = "Park Min Ha Confronts Her Rival In “Quiet Harbor”"
    body = ("ENA’s “Quiet Harbor” has unveiled new stills of Park Min Ha ahead of the next episode! “Quiet Harbor” "
            "is a mystery drama about three lawyers.")
    assert found(body, headline) == {}


def test_a_fronted_starring_clause_leaves_the_title_after_it() -> None:
    body = ("Starring Mei Lin (Night Market) and Jo Tan (Glass Bridge), Call Me Maybe…Not! is a romantic comedy "
            "series about a woman who meets a soulmate on a dating app. It will premiere on Netflix on February 14.")
    assert any(title and title.startswith("Call Me Maybe") for title in found(body))


def test_a_chart_of_top_shows_is_no_slate() -> None:
    headline = "Riverbend Leads The Streaming Top 10"
    body = ("The new chart suggests something we all know: streaming is popular.\n"
            "Riverbend was the runaway title on the latest weekly list of top 10 streaming shows in minutes "
            "watched, across 80 episodes.\n"
            "Comments\n"
            "Dana Price")
    assert "Dana Price" not in found(body, headline)


def test_a_clip_of_a_scene_from_an_airing_final_season_is_no_news() -> None:
    headline = "Mika’s Last Stand In This ‘Paper Wolves’ Anime Final Season English Dub Clip"
    assert found("Worth a look if you have not seen the first season yet.", headline) == {}


def test_a_final_season_with_a_date_is_news() -> None:
    headline = "‘Paper Wolves’ Anime Final Season Premieres In July"
    assert "Paper Wolves" in found("The final season will premiere on July 4 on Tokyo MX.", headline)


def test_a_person_who_is_returning_is_no_title() -> None:
    assert found("The actor will host the show again in May.", "Peter Dalton Is Returning To Host The Late Hour") == {}


def test_a_former_title_set_off_after_a_title_frames_it() -> None:
    body = ("NBC handed series orders to three dramas on Thursday.\n"
            "Ember Ridge, FKA as Cal Ridge, stars Cole Marsh as a young convict who joins a firefighting program.")
    series = found(body)
    assert "Ember Ridge" in series
    assert "FKA" not in series


def test_a_second_season_of_x_renews_x_not_the_show_before_it() -> None:
    body = ("A teen comedy, the Kit Ray-led Fogline and a second season of Harbor Lane are among the orders revealed "
            "by Prime Video at its upfront presentation.")
    series = found(body)
    assert series["Harbor Lane"].status is Status.RENEWED
    assert series["Fogline"].status is not Status.RENEWED


# --- feed items of several shapes (a new batch of real feed shapes, written anew) ---------------------------


def test_a_later_seasons_trailer_is_trailer_news_not_a_renewal() -> None:
    headline = "Harbor of Quiet Bells Season 2 Gets First Trailer"
    body = ("Moonfield has announced the second season of the anime Harbor of Quiet Bells. With the announcement "
            "came a trailer and a new key visual.")
    series = found(body, headline)
    assert series["Harbor of Quiet Bells"].status is Status.TRAILER


def test_a_later_season_without_a_trailer_is_still_a_renewal() -> None:
    body = "Moonfield has announced the second season of the anime Harbor of Quiet Bells for next year."
    assert found(body, "Harbor of Quiet Bells Gets Second Season")["Harbor of Quiet Bells"].status is Status.RENEWED


def test_a_short_tv_spot_is_a_trailer() -> None:
    headline = "‘Lanternfield’ Season 2 drops new visual, 30-second commercial"
    body = "Lanternfield Season 2 has a new visual and a 30-second commercial, teasing a tense rescue at sea."
    assert found(body, headline)["Lanternfield"].status is Status.TRAILER


def test_picked_up_for_two_more_seasons_is_a_renewal() -> None:
    headline = "Prime Video Picks Up ‘Devil’s Ledger’ Adult Animated Series for More Seasons"
    body = ("Prime Video announced an acquisition of the web series Devil’s Ledger. The adult animated series has "
            "been picked up for Seasons 3 and 4.")
    series = found(body, headline)
    assert series["Devil’s Ledger"].status is Status.RENEWED


def test_a_column_named_for_cancellations_does_not_cancel_what_it_renews() -> None:
    headline = "Cancellation Watch: Netflix Renews The Glass Orchard and Night Ferry"
    body = ("Netflix announced two renewals today: the mystery series The Glass Orchard will return for a second "
            "season, and the thriller Night Ferry will also return for a second year.")
    series = found(body, headline)
    assert series["The Glass Orchard"].status is Status.RENEWED


def test_an_interview_headline_is_no_series_news() -> None:
    headline = "‘Salt and Ember’: Dara Quinlan Interview"
    body = ("Did you read the novel before you shot the pilot? I wanted to come to the character fresh, so I "
            "waited until we wrapped the first block.")
    assert found(body, headline) == {}


def test_a_look_back_at_shows_that_were_not_renewed_is_no_news() -> None:
    headline = "'Glass Tide'-'Ember Road': Hyped shows that weren't renewed for a second season"
    body = "When a new show launches, the makers promote it heavily. That does not mean it will last."
    assert found(body, headline) == {}


def test_an_actor_described_by_an_earlier_lead_role_announces_nothing() -> None:
    headline = "Projects At Risk Because Of Lin Shaowei’s Legal Troubles"
    body = ("Lin Shaowei, the lead in The Copper Wolf, has been in the news for troubles with the law. He was "
            "detained last week.")
    assert "The Copper Wolf" not in found(body, headline)


def test_a_yet_to_be_titled_series_is_untitled() -> None:
    headline = "Arvind Rao makes streaming debut in new Amazon series"
    body = ("Prime Video announced that production has begun on an upcoming yet-to-be-titled Amazon Original "
            "Series featuring Arvind Rao in the lead. The thriller is created by Meera Kulkarni and Dev Anand Iyer.")
    series = found(body, headline)
    assert list(series) == [None]
    assert series[None].platform == "Prime Video"


def test_an_indian_streamer_is_the_platform_and_no_title() -> None:
    headline = "Disney+ Hotstar’s ‘Backlot’ Sets March Launch Date; Watch The Trailer"
    body = ("Backlot is the series that lays bare a film studio’s secrets. We now have the first trailer for the "
            "Disney+ Hotstar Hindi-language drama series and a launch date: March 8.")
    series = found(body, headline)
    assert list(series) == ["Backlot"]
    assert series["Backlot"].platform == "Disney+ Hotstar"


def test_a_free_streamer_is_the_platform() -> None:
    headline = "‘GearGuard’ Toon Heads to Tubi"
    body = ("GearGuard: The Animated Series, the new sci-fi adventure from Brightbolt, will make its streaming debut "
            "on Tubi. The 6 x half-hour season will premiere on the free platform in April.")
    assert next(iter(found(body, headline).values())).platform == "Tubi"


def test_a_headlines_short_title_and_the_full_title_are_one_series() -> None:
    headline = "Ember Blade Season 2 Reveals First Key Visual"
    body = ("Ember Blade: Kagaribi no Tsurugi revealed the first key visual for the upcoming season 2. The season "
            "will air later this year.")
    assert list(found(body, headline)) == ["Ember Blade"]


def test_a_quote_closed_with_the_opening_mark_still_quotes_a_title() -> None:
    body = ("The slot once gave us hits such as ‘ROOFTOP‘ and ‘NIGHT DESK‘. Its next drama is titled, ‘Paper "
            "Lanterns‘ and will star Sora Imai, the network announced on Monday.")
    series = found(body, "Fuji TV revives its Saturday drama slot")
    assert "ROOFTOP" not in series and "NIGHT DESK" not in series


def test_a_makers_interview_headline_names_the_creator() -> None:
    headline = "Laura Ellison’s On ‘Tides Of Averholt’ Season Order And The Ending She Planned"
    body = ("Ellison discusses the studio’s full season order, her small indie crew, and what’s ahead for her "
            "fantasy epic.")
    series = found(body, headline)
    facts = series["Tides Of Averholt"]
    assert [credit.name for credit in facts.creators] == ["Laura Ellison"]
    assert not facts.cast


def test_an_actors_interview_headline_names_no_creator() -> None:
    headline = "Daniel Pell On ‘Tides Of Averholt’ Season Order And His Character’s Fate"
    body = "Pell talks about the season order and what’s ahead for his character in the new season."
    series = found(body, headline)
    assert all(not facts.creators for facts in series.values())


def test_a_persons_latest_drama_is_no_title_and_its_name_follows() -> None:
    headline = "Wen Jia’s Latest Drama Rumoured To Be Released In Q3"
    body = ("Wen Jia's latest drama is entitled Rivers Under The Moon. It has been tentatively scheduled for "
            "broadcast in Q3 2027.")
    assert list(found(body, headline)) == ["Rivers Under The Moon"]


def test_a_job_owner_in_a_headline_is_no_part_of_the_title() -> None:
    headline = "Ironleaf Creator's Hollow Crown Confirms Crunchyroll Premiere Date"
    body = "The new anime from Ironleaf creator Aya Tomori is on the way, and Crunchyroll has confirmed its debut."
    assert "Hollow Crown" in found(body, headline)


def test_a_platform_before_format_words_is_no_title() -> None:
    headline = "GMMTV BL series, Stars Over Chiang Dao, finally gets an official trailer"
    body = ("GMMTV has released the official trailer for its Boys’ Love series Stars Over Chiang Dao, along with "
            "a poster.")
    assert list(found(body, headline)) == ["Stars Over Chiang Dao"]



# --- cancellation round-ups and commission slates ---------------------------------------------------------


def test_a_cancellation_round_up_names_each_network_show_cancelled() -> None:
    headline = "Small Screen: Networks Announce Their Cancellations"
    body = ("The season is over, and the networks have decided what will not come back in the fall.\n\n"
            "ABC—The cop drama \"Blue Tin Roof\" drops out after four seasons. The sci-fi thriller "
            "\"Night Orchard\" goes out quietly. Family drama \"Velvet Chapel\" is one-and-done.\n\n"
            "CBS—Sitcom \"Parcel Day\" never took off, and the medical drama \"Ward Nine\" signed off after six.")
    series = found(body, headline)
    assert {"Blue Tin Roof", "Night Orchard", "Velvet Chapel", "Parcel Day", "Ward Nine"} <= set(series)
    assert series["Night Orchard"].platform == "ABC"
    assert series["Ward Nine"].platform == "CBS"
    assert all(facts.status is Status.CANCELLED for facts in series.values())


def test_a_possessive_subheading_is_the_whole_title() -> None:
    headline = "Every Show the Network Has Axed This Spring"
    body = ("CBS dropped a total of five shows this season, including several newcomers.\n"
            "Quarry Road\n"
            "Quarry Road, a sitcom starring Dana Whitlock, ends after one season.\n"
            "Marta's Second Wind\n"
            "Marta's Second Wind had a lot of promise, with a beloved sitcom cast, but the comedy ends too.")
    series = found(body, headline)
    assert "Marta's Second Wind" in series
    assert "Second Wind" not in series


def test_a_platform_in_a_writers_past_credit_is_not_the_new_shows() -> None:
    body = ("The BBC has ordered three new dramas for BBC One. Pell, whose credits include ITV and Amazon Studios' "
            "recent adaptation of \"Copper Bells,\" is behind \"The Quiet Tide\", a four-part drama about a "
            "fishing town.")
    series = found(body, "BBC One orders three new dramas")
    assert "Copper Bells" not in series
    assert "The Quiet Tide" in series
    assert series["The Quiet Tide"].platform != "ITV"


def test_a_single_quoted_title_keeps_its_apostrophe() -> None:
    body = ("BBC Two has commissioned a raft of new comedies. 'Don't Feed the Swans' is written and created by "
            "Ivo Brant. The dark comedy series is set in a seaside town.")
    series = found(body, "BBC Two Commissions A Raft Of New Comedies")
    assert "Don't Feed the Swans" in series
    assert "Feed the Swans'" not in series


def test_a_title_set_before_an_actors_name_is_her_credit() -> None:
    body = ("BBC Two has ordered a legal comedy starring 'Lantern Hill' Helen Mossley. Pale Justice is written by "
            "Orrin Hale and follows a junior barrister.")
    assert "Lantern Hill" not in found(body, "BBC Two Commissions A Raft Of New Comedies")


def test_the_channel_and_a_credited_writing_team_are_no_titles() -> None:
    body = ("The first new commission is a four-part drama series Salt Marsh from The Lantern's Tom and Will Ashby. "
            "The BBC One series will follow two families after a storm.")
    series = found(body, "BBC unveils new drama commissions")
    assert "The BBC One" not in series
    assert not any(title and "Ashby" in title for title in series)


# --- films that name a network or streamer -----------------------------------------------------------------


def test_a_made_for_tv_movie_is_no_series() -> None:
    headline = "Lifetime's 'Deadly Neighbour' Owes A Lot To An Old Stalker Thriller"
    body = ("Like any good Lifetime movie, the title of Deadly Neighbour, premiering May 3, says it all. "
            "Lifetime's latest made-for-TV drama follows a nurse (played by Carla Benton) who moves back home.")
    assert found(body, headline) == {}


def test_a_lone_surname_of_a_cast_member_is_no_title() -> None:
    headline = "Owen Farley Joins Courtroom Drama 'The Verdict Room' at Amazon Studios"
    body = ("Another actor has been added to Amazon Studios' film The Verdict Room. Owen Farley will join the "
            "feature's cast. Emmy nominee, Farley, will be an excellent addition to the drama feature.")
    assert "Farley" not in found(body, headline)


def test_an_interjection_opening_a_round_up_is_no_title() -> None:
    headline = "Every Show the Networks Have Canceled This Spring"
    body = ("Ah, springtime. Network executives are cutting their lineups again, with ten shows axed this week. "
            "ABC also cancelled the musical drama \"Gold Street\", starring Nia Holt.")
    series = found(body, headline)
    assert "Ah" not in series
    assert "Gold Street" in series


def test_a_cancelled_shows_cast_is_read_from_also_starred() -> None:
    body = ("The network has canceled drama Tidewater after two seasons. The show followed a harbour pilot and a "
            "coast guard captain. Dana Holt, Rick Moran and Lee Ashton also starred.")
    series = found(body, "Tidewater Canceled After Two Seasons at CBS")
    assert {"Dana Holt", "Rick Moran", "Lee Ashton"} <= {person.name for person in series["Tidewater"].cast}


def test_also_starred_in_an_earlier_work_is_no_cast() -> None:
    body = ("The network has canceled drama Tidewater after two seasons. Its lead, Dana Holt, also starred in "
            "Greyhaven.")
    series = found(body, "Tidewater Canceled After Two Seasons at CBS")
    assert "Dana Holt" not in {person.name for person in series["Tidewater"].cast}


def test_a_round_up_subheading_may_set_its_network_off_with_a_bare_dash() -> None:
    headline = "Networks Swing The Axe On Their Freshman Shows"
    body = ("The latest round of decisions includes the axing of well-loved favourites.\n\n"
            "Latest Cancellations:\n\n"
            "Paper Lanterns- NBC\n"
            "This comedy was hilarious and should have pulled a much larger audience.\n\n"
            "Game of Tides- NBC\n"
            "NBC's drama about a lawyer whose past resurfaces has been cancelled and won't return for a second season.")
    series = found(body, headline)
    assert {"Paper Lanterns", "Game of Tides"} <= set(series)
    assert "Paper Lanterns-" not in series


def test_a_quoted_name_made_an_adjective_is_no_title() -> None:
    headline = "Networks Announce Their Cancellations"
    body = ("CBS axed \"Harbor: Cyber\" this week, making this fall the first season without a \"Harbor\"-related "
            "show since 2000.")
    series = found(body, headline)
    assert "Harbor: Cyber" in series
    assert "Harbor" not in series


# --- film and business headlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Mara Quill Joins Netflix Movie ‘Salt Meridian’",
         "Mara Quill has joined the cast of “Salt Meridian”, the streamer’s heist thriller from Teo Brandt. "
         "Production starts in Lisbon this spring."),
        ("Idris Vane Boards Hulu’s New Thriller Film ‘Cold Ledger’",
         "Idris Vane will star opposite Noor Salt in “Cold Ledger”, which Hulu has set for a fall release."),
        ("Corvane Reports Subscriber Growth in Its Latest Quarter",
         "Corvane added four million subscribers, helped by returning hits such as “Lantern Row”."),
    ],
)
def test_film_and_business_headlines_leave_the_item_silent(headline: str, body: str) -> None:
    assert found(body, headline) == {}


def test_a_film_headline_that_also_names_a_series_is_still_read() -> None:
    headline = "Netflix’s Movie Hit Becomes a Series: ‘Salt Meridian’ Returns as an Eight-Episode Drama"
    body = "Netflix has ordered “Salt Meridian”, an eight-episode drama series starring Mara Quill, due in March."
    assert "Salt Meridian" in found(body, headline)


def test_a_release_window_in_a_quarter_is_no_business_news() -> None:
    body = ("Corvane is readying its next original. The thriller series “Lantern Row” will be launched in the "
            "third quarter of this year, starring Mara Quill.")
    assert "Lantern Row" in found(body)
