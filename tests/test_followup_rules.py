"""Follow-up rules found on the dialogue sets' tuning halves, with the exact question searched."""

from __future__ import annotations

import pytest

from qa.search.followup import (
    MORE,
    SOURCE,
    STANDALONE,
    PreviousTurn,
    asks_who_said_it,
    in_the_matter_shown,
    resolve,
)
from qa.search.followup_text import searched
from qa.search.name_kinds import Vocabulary, entity_spans

STATEHOOD = "What was the last attempt at separate statehood for southern California?"


def test_it_is_not_taken_from_an_unrelated_name_in_the_answer() -> None:
    previous = PreviousTurn(
        STATEHOOD,
        ("Instead, the Compromise of 1850 enabled California to be admitted to the Union.",),
    )
    assert resolve("who signed it?", previous).resolved == (
        "Who signed it? (following: What was the last attempt at separate statehood for southern "
        "California?)"
    )


def test_it_after_a_which_organisation_question_names_the_organisation_in_the_answer() -> None:
    previous = PreviousTurn(
        "Which movement do the Taliban support?",
        ("The Taliban support the Islamic Movement of Uzbekistan on TV.",),
    )
    assert resolve("who is it cooperating with now?", previous).resolved == (
        "Who is the Islamic Movement of Uzbekistan cooperating with now?"
    )


def test_they_after_which_company_is_the_company_the_answer_names_not_an_acronym() -> None:
    previous = PreviousTurn(
        "Which company had a dispute with BSkyB in 2007?",
        ("In 2007, BSkyB and Virgin Media had a dispute over channels on cable TV.",),
    )
    assert resolve("when did they remove the channels?", previous).resolved == (
        "When did Virgin Media remove the channels? (following: Which company had a dispute "
        "with BSkyB in 2007?)"
    )


def test_earlier_questions_stay_readable_and_an_ellipsis_leaves_them_alone() -> None:
    previous = PreviousTurn(
        "When did they remove the basic channels? (following: Which company had a dispute "
        "with BSkyB over carrying Sky channels on cable in 2007?)"
    )
    assert resolve("what did they claim?", previous).resolved == (
        "What did they claim? (following: When did they remove the basic channels? Which "
        "company had a dispute with BSkyB over carrying Sky channels on cable in 2007?)"
    )
    previous = PreviousTurn(
        "How many did they convict in 2017? (following: Which courts of Kyrgyzstan ruled?)"
    )
    assert resolve("and in 2010?", previous).resolved == (
        "How many did they convict in 2010? (following: Which courts of Kyrgyzstan ruled?)"
    )


def test_a_question_that_names_its_own_subject_carries_no_older_words() -> None:
    previous = PreviousTurn(
        "In 1992, how much did BSkyB pay for the rights? (following: What was the contract?)"
    )
    assert resolve("who held the rights before?", previous).resolved == (
        "Who held the rights before? (following: In 1992, how much did BSkyB pay for the rights?)"
    )


def test_the_same_year_is_the_year_of_the_last_turn() -> None:
    previous = PreviousTurn("Which company had a dispute with BSkyB in 2007?")
    assert resolve("which service overtook Sky the same year?", previous).resolved == (
        "Which service overtook Sky in 2007?"
    )


@pytest.mark.parametrize(
    ("question", "resolved"),
    [
        (
            "who else performed?",
            "Who else performed? (following: Who headlined the halftime show?)",
        ),
        (
            "which one was the best?",
            "Which one was the best? (following: Who headlined the halftime show?)",
        ),
        (
            "what happened next?",
            "What happened next? (following: Who headlined the halftime show?)",
        ),
        (
            "who played the second one?",
            "Who played the second one? (following: Who headlined the halftime show?)",
        ),
        (
            "where did Coldplay play before that?",
            "Where did Coldplay play before that? (following: Who headlined the halftime show?)",
        ),
        (
            "how many are British?",
            "How many are British? (following: Who headlined the halftime show?)",
        ),
        (
            "which two were added later?",
            "Which two were added later? (following: Who headlined the halftime show?)",
        ),
    ],
)
def test_words_that_point_back_without_a_pronoun_carry_the_last_turn(
    question: str, resolved: str
) -> None:
    previous = PreviousTurn("Who headlined the halftime show?")
    assert resolve(question, previous).resolved == resolved


def test_a_bare_name_takes_the_place_of_the_first_name() -> None:
    previous = PreviousTurn("When did Holden announce the closure of its Victorian plants?")
    assert resolve("and Ford?", previous).resolved == (
        "When did Ford announce the closure of its Victorian plants?"
    )
    previous = PreviousTurn("How many interceptions did Peyton Manning throw in 2015?")
    assert resolve("and Osweiler?", previous).resolved == (
        "How many interceptions did Osweiler throw in 2015?"
    )


def test_what_about_a_noun_replaces_what_a_share_is_of() -> None:
    previous = PreviousTurn("What share of Australian pears do Victorian farms produce?")
    assert resolve("what about apples?", previous).resolved == (
        "What share of Australian apples do Victorian farms produce?"
    )


def test_for_which_newspaper_asks_whom_the_journalist_works_for() -> None:
    resolution = resolve(
        "for which newspaper?", PreviousTurn("Which journalist spoke to experts about the group?")
    )
    assert resolution.kind != SOURCE
    assert resolution.resolved == (
        "For which newspaper? (following: Which journalist spoke to experts about the group?)"
    )
    assert resolve("which newspaper?", PreviousTurn(STATEHOOD)).kind == SOURCE


def test_when_was_it_published_after_a_question_about_a_paper_asks_about_the_paper() -> None:
    previous = PreviousTurn("Who wrote the seminal paper on computational complexity?")
    resolution = resolve("when was it published?", previous)
    assert resolution.kind != SOURCE
    assert resolution.resolved == (
        "When was the seminal paper on computational complexity published?"
    )


def test_and_before_a_complete_question_only_drops_the_and() -> None:
    previous = PreviousTurn("Where are Sky's corporate headquarters?")
    assert resolve("And who owns the VideoGuard system that BSkyB uses?", previous).resolved == (
        "Who owns the VideoGuard system that BSkyB uses?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "How much did it cost to build Levi's Stadium?",
        "What is the most commonly used model in complexity theory?",
        "Who was the top defensive performer for Carolina in Super Bowl 50?",
    ],
)
def test_a_standalone_question_after_another_topic_is_not_rewritten(question: str) -> None:
    resolution = resolve(question, PreviousTurn("Who headlined the halftime show?"))
    assert (resolution.kind, resolution.resolved) == (STANDALONE, question)


def test_he_after_a_who_question_is_the_person_of_the_sentence_that_answers_it() -> None:
    previous = PreviousTurn(
        "Who was named MVP of Super Bowl 50?",
        (
            "Bart Starr (MVP of Super Bowls I and II) appeared via video.",
            "Denver linebacker Von Miller was named Super Bowl MVP, recording 2½ sacks.",
        ),
    )
    assert resolve("how many sacks did he record?", previous).resolved == (
        "How many sacks did Von Miller record?"
    )


def test_and_today_replaces_the_time_the_last_question_asked_about() -> None:
    previous = PreviousTurn("How many militants did the movement have in the late 1990s?")
    assert resolve("and today?", previous).resolved == (
        "How many militants did the movement have today?"
    )


def test_according_to_which_after_a_question_about_what_was_done_follows_it() -> None:
    previous = PreviousTurn("What did the decree create?")
    assert resolve("according to which organisation?", previous).resolved == (
        "According to which organisation? (following: What did the decree create?)"
    )
    previous = PreviousTurn("By whom are women smuggled out of Kazakhstan each year?")
    assert resolve("to which destinations?", previous).resolved == (
        "To which destinations are women smuggled out of Kazakhstan each year?"
    )


def test_why_after_a_question_about_what_something_is_follows_it() -> None:
    previous = PreviousTurn("What is the capital of France?")
    assert resolve("why?", previous).resolved == (
        "Why? (following: What is the capital of France?)"
    )
    previous = PreviousTurn("When did Akayev resign?")
    assert resolve("why?", previous).resolved == "Why did Akayev resign?"


def test_her_after_someones_wife_is_the_wife_never_a_lord() -> None:
    previous = PreviousTurn("When did Lord Callaghan's wife die?")
    assert resolve("what was her name?", previous).resolved == (
        "What was Lord Callaghan's wife's name?"
    )
    previous = PreviousTurn("Who met Lord Smith?", ("Lord Smith met Lady Jones in Paris.",))
    assert resolve("where did she live?", previous).resolved == "Where did Lady Jones live?"


def test_and_before_a_phrase_that_is_no_question_follows_the_last_question() -> None:
    previous = PreviousTurn("Where can labour migrants from Kyrgyzstan work in Kazakhstan?")
    assert resolve(
        "and migrants from Uzbekistan working at construction sites?", previous
    ).resolved == (
        "And migrants from Uzbekistan working at construction sites? (following: Where can "
        "labour migrants from Kyrgyzstan work in Kazakhstan?)"
    )


def test_she_names_a_single_first_name_that_only_a_person_can_have() -> None:
    previous = PreviousTurn("Where did Fatima and her sister sleep while held by traffickers?")
    assert resolve("how long was she told she would work?", previous).resolved == (
        "How long was Fatima told she would work?"
    )
    previous = PreviousTurn("Who escaped first?", ("Fatima escaped from the cellar.",))
    assert resolve("where did she go?", previous).resolved == "Where did Fatima go?"


def test_they_agree_in_number_with_the_plural_the_last_question_asked_about() -> None:
    previous = PreviousTurn(
        "How many victims of trafficking did the IOM assist in Kazakhstan?",
        ("The IOM assisted 858 victims of trafficking in Kazakhstan.",),
    )
    resolution = resolve("How many of them were women?", previous)
    assert resolution.resolved == (
        "How many of the victims of trafficking the IOM assist in Kazakhstan were women?"
    )
    following = resolve("And in Uzbekistan?", PreviousTurn(resolution.resolved))
    assert following.resolved == (
        "How many of the victims of trafficking the IOM assist in Uzbekistan were women?"
    )
    previous = PreviousTurn("What did the protesters demand from the Interior Ministry?")
    assert resolve("where did they gather?", previous).resolved == (
        "Where did the protesters gather?"
    )


def test_they_is_still_an_organisation_when_the_last_question_names_no_plural() -> None:
    previous = PreviousTurn("What did the Interior Ministry announce in 2015?")
    assert resolve("why did they do it?", previous).resolved == (
        "Why did the Interior Ministry do it?"
    )


def test_a_pronoun_never_becomes_a_name_its_own_question_names() -> None:
    previous = PreviousTurn(
        "How many victims did the IOM assist?",
        ("Sana Sezim said the IOM assisted 858 victims.",),
    )
    assert resolve("What did she say about Sana Sezim?", previous).resolved == (
        "What did she say about Sana Sezim? (following: How many victims did the IOM assist?)"
    )


def test_she_after_an_answer_naming_the_author_is_the_author() -> None:
    previous = PreviousTurn(
        "How many victims did the IOM assist?",
        ("Sana Sezim said the IOM assisted 858 victims.",),
        person="Joanna Lillis",
    )
    assert resolve("What did she say about Sana Sezim?", previous).resolved == (
        "What did Joanna Lillis say about Sana Sezim?"
    )
    assert resolve("what is her view of the IOM?", previous).resolved == (
        "What is Joanna Lillis's view of the IOM?"
    )


def test_he_after_a_which_question_is_the_name_after_the_noun_it_asked_for() -> None:
    previous = PreviousTurn(
        "Which Panthers defensive tackle led the team in sacks?",
        ("Pro Bowl defensive tackle Kawann Short led the team in sacks with 11.",),
    )
    assert resolve("how many fumbles did he force?", previous).resolved == (
        "How many fumbles did Kawann Short force?"
    )


TRAVEL_AGENCIES = "What role do travel agencies play in trafficking women from Kazakhstan?"


def test_a_follow_up_with_no_referent_is_shown_after_the_whole_previous_question() -> None:
    resolution = resolve("Where are the women taken?", PreviousTurn(TRAVEL_AGENCIES))
    assert resolution.resolved == (
        "Where are the women taken? (following: What role do travel agencies play in "
        "trafficking women from Kazakhstan?)"
    )


def test_the_previous_question_is_searched_by_its_words_in_lower_case() -> None:
    resolved = resolve("Where are the women taken?", PreviousTurn(TRAVEL_AGENCIES)).resolved
    assert searched(resolved) == (
        "Where are the women taken (role do travel agencies play in trafficking women from "
        "kazakhstan)?"
    )
    assert searched("How many women are smuggled?") == "How many women are smuggled?"


def test_a_question_word_alone_after_a_question_about_who_did_it_follows_that_question() -> None:
    previous = PreviousTurn("Which body developed Kazakhstan's state programme?")
    assert resolve("when?", previous).resolved == (
        "When? (following: Which body developed Kazakhstan's state programme?)"
    )
    previous = PreviousTurn("Who secured the UK's rebate?")
    assert resolve("in which year?", previous).resolved == (
        "In which year? (following: Who secured the UK's rebate?)"
    )


@pytest.mark.parametrize(
    ("previous", "question", "resolved"),
    [
        (
            "How much did Gordon Brown put on a bottle of wine?",
            "and on 20 cigarettes?",
            "How much did Gordon Brown put on 20 cigarettes?",
        ),
        (
            "How much did Gordon Brown raise the stamp duty threshold to?",
            "and the inheritance tax threshold?",
            "How much did Gordon Brown raise the inheritance tax threshold to?",
        ),
        (
            "What share thought Gordon Brown had done a good job as chancellor?",
            "and Tony Blair as prime minister?",
            "What share thought Tony Blair had done a good job as prime minister?",
        ),
    ],
)
def test_a_fragment_replaces_the_phrase_of_the_same_shape(
    previous: str, question: str, resolved: str
) -> None:
    assert resolve(question, PreviousTurn(previous)).resolved == resolved


def test_a_fragment_with_nothing_to_replace_is_asked_as_typed_after_the_previous_question() -> None:
    previous = PreviousTurn("What lead did Labour have over the Conservatives in the poll?")
    assert resolve("and the Liberal Democrats?", previous).resolved == (
        "And the Liberal Democrats? (following: What lead did Labour have over the "
        "Conservatives in the poll?)"
    )


def test_he_after_who_did_something_is_never_a_name_of_that_question() -> None:
    previous = PreviousTurn(
        "Who is the youngest ever winner in Davis Cup history?",
        ("nadal at 18 years becomes the youngest ever victor in davis cup history.",),
    )
    assert resolve("how old was he?", previous).resolved == (
        "How old was he? (following: Who is the youngest ever winner in Davis Cup history?)"
    )
    previous = PreviousTurn("Who beat Andy Roddick?", ("Carlos Moya beat Andy Roddick.",))
    assert resolve("how old is he?", previous).resolved == "How old is Carlos Moya?"


def test_it_after_a_question_about_what_a_name_has_is_that_thing() -> None:
    previous = PreviousTurn("What did Jacques Chirac call the UK's rebate?")
    assert resolve("how big is it?", previous).resolved == "How big is the UK's rebate?"


@pytest.mark.parametrize(
    ("previous", "question", "resolved"),
    [
        (
            "How many women are smuggled out of Kazakhstan each year?",
            "where to?",
            "Where to? (following: How many women are smuggled out of Kazakhstan each year?)",
        ),
        (
            "Who did they beat in the final?",
            "where?",
            "Where? (following: Who did they beat in the final?)",
        ),
        ("When did Askar Akayev resign?", "why?", "Why did Askar Akayev resign?"),
    ],
)
def test_a_question_word_that_would_not_read_as_a_question_follows_the_previous_one(
    previous: str, question: str, resolved: str
) -> None:
    assert resolve(question, PreviousTurn(previous)).resolved == resolved


def test_a_name_after_the_replaces_a_name_with_its_article() -> None:
    previous = PreviousTurn("How much did Labour get in donations in 2004?")
    assert resolve("what about the Conservatives?", previous).resolved == (
        "How much did the Conservatives get in donations in 2004?"
    )


def test_they_is_the_capitalised_plural_the_last_question_was_about() -> None:
    previous = PreviousTurn("When did the Normans invade Ireland?")
    assert resolve("where did they land?", previous).resolved == "Where did the Normans land?"


def test_which_outlet_published_him_asks_about_the_source() -> None:
    assert resolve("which outlet published him?", PreviousTurn(STATEHOOD)).kind == SOURCE


def test_a_fragment_after_a_continuation_follows_it_and_the_question_it_went_on_from() -> None:
    previous = PreviousTurn(
        "What about the Spanish-language broadcast? (following: Who called the game for "
        "them? Which network broadcast Super Bowl 50 in the U.S?)"
    )
    resolution = resolve("and in the United Kingdom?", previous)
    assert resolution.resolved == (
        "And in the United Kingdom? (following: What about the Spanish-language broadcast? "
        "Which network broadcast Super Bowl 50 in the U.S?)"
    )
    assert resolve("who commentated for them?", PreviousTurn(resolution.resolved)).resolved == (
        "Who commentated for them? (following: And in the United Kingdom? Which network "
        "broadcast Super Bowl 50 in the U.S?)"
    )


def test_them_is_no_single_thing_the_question_names() -> None:
    previous = PreviousTurn("How many clear winners were declared?")
    assert resolve("which son of the president was among them?", previous).resolved == (
        "Which son of the president was among the clear winners declared?"
    )


def test_they_as_a_subject_is_the_subject_of_the_last_question() -> None:
    previous = PreviousTurn("Which castles did the Normans build?")
    assert resolve("what was the area they settled later called?", previous).resolved == (
        "What was the area the Normans settled later called?"
    )
    assert resolve("which fields did they farm?", previous).resolved == (
        "Which fields did the Normans farm?"
    )


def test_he_is_no_place_and_no_team_named_after_from() -> None:
    previous = PreviousTurn("How long a contract is Giggs seeking from Manchester United?")
    assert resolve("which former Wales skipper did he consider following?", previous).resolved == (
        "Which former Wales skipper did he consider following? (following: How long a "
        "contract is Giggs seeking from Manchester United?)"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Who made their Super Bowl commercial debut with Nintendo?",
        "Which former Wales skipper gave up international football to concentrate on his club?",
        "Who said he had been treated like a bull?",
        "How many of his Davis Cup matches did Henman win?",
        "How far back must the wall go if a player asks for it?",
        "Whom did UK Athletics appoint as its new performance director?",
        "What century did the Normans first gain their separate identity?",
        "How many asylum seekers have their claims accepted under the current system?",
    ],
)
def test_a_pronoun_that_stands_for_what_its_own_question_names_is_left_alone(
    question: str,
) -> None:
    resolution = resolve(question, PreviousTurn("Where was the match played?"))
    assert (resolution.kind, resolution.resolved) == (STANDALONE, question)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("which countries took part?", "Which countries took part?"),
        ("how many spectators did the stadium hold?", "How many spectators did the stadium hold?"),
        ("how many disagreed?", "How many disagreed?"),
        ("who said that would mean a 35% hike?", "Who said that would mean a 35% hike?"),
        (
            "how many meetings did the ninth one offer?",
            "How many meetings did the ninth one offer?",
        ),
    ],
)
def test_a_question_that_names_nothing_is_asked_after_the_last_one(
    question: str, asked: str
) -> None:
    previous = PreviousTurn("Where were the consultations on terrorism held in November 2019?")
    assert resolve(question, previous).resolved == (
        f"{asked} (following: Where were the consultations on terrorism held in November 2019?)"
    )


def test_then_is_the_year_of_the_last_answer() -> None:
    previous = PreviousTurn(
        "When was Charles Kennedy first elected?",
        ("Charles Kennedy said: when I was first elected in 1983 he was father of the house.",),
    )
    assert resolve("who was father of the house then?", previous).resolved == (
        "Who was father of the house in 1983?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What is hijrah?",
        "How much do transnational criminal gangs make from human trafficking each year?",
        "Which player had the most interceptions in the season?",
    ],
)
def test_a_question_that_names_nothing_but_asks_afresh_is_left_alone(question: str) -> None:
    resolution = resolve(question, PreviousTurn("Where was the match played?"))
    assert (resolution.kind, resolution.resolved) == (STANDALONE, question)


def test_them_reads_what_the_last_question_said_of_its_noun_as_a_phrase() -> None:
    previous = PreviousTurn(
        "How many criminal cases for human trafficking were opened in Kazakhstan last year?"
    )
    assert resolve("how many of them were for kidnapping?", previous).resolved == (
        "How many of the criminal cases for human trafficking opened in Kazakhstan last year "
        "were for kidnapping?"
    )
    previous = PreviousTurn(
        "How many unlicensed travel agencies are there in Kazakhstan, reportedly?"
    )
    assert resolve("what do they provide young women with?", previous).resolved == (
        "What do the unlicensed travel agencies in Kazakhstan provide young women with?"
    )


def test_it_can_be_a_name_with_a_possessive_inside() -> None:
    previous = PreviousTurn("In which year was Kazakhstan's Penal Code adopted?")
    assert resolve("how many people were found guilty under it?", previous).resolved == (
        "How many people were found guilty under Kazakhstan's Penal Code?"
    )


@pytest.mark.parametrize(
    ("fragment", "resolved"),
    [
        ("and the Harbour Bank's?", "What was the Harbour Bank's profit?"),
        ("and the Harbour Bank's in 2001?", "What was the Harbour Bank's profit in 2001?"),
    ],
)
def test_a_possessive_fragment_takes_the_place_of_the_possessor(
    fragment: str, resolved: str
) -> None:
    previous = PreviousTurn("What was the City Bank's profit?")
    assert resolve(fragment, previous).resolved == resolved


def test_he_after_who_said_that_is_the_one_the_answer_shows_speaking() -> None:
    previous = PreviousTurn(
        "Who said that? (following: By how much has the number of migrants in Russia declined?)",
        (
            "“Happily,” Grishin continues, “the number of migrants has declined almost 50 "
            "percent;” but the radicals reach a larger share of Central Asians.",
        ),
    )
    assert resolve("which center does he head?", previous).resolved == (
        "Which center does Grishin head?"
    )


def test_it_is_the_name_the_answer_gives_for_the_thing_asked_for() -> None:
    statehood = PreviousTurn(
        STATEHOOD,
        (
            "The last attempt, the Pico Act of 1859, was passed by the California State "
            "Legislature and signed by the State governor John B. Weller.",
        ),
    )
    assert resolve("who signed it?", statehood).resolved == "Who signed the Pico Act of 1859?"
    report = PreviousTurn(
        "Which report found that Kazakhstan does not fully comply with minimum standards?",
        (
            "The US State Department’s 2012 Trafficking in Persons report found that "
            "Kazakhstan “does not fully comply” with minimum standards.",
        ),
    )
    assert resolve("Who published it?", report).resolved == (
        "Who published the US State Department’s 2012 Trafficking in Persons report?"
    )
    ngo = PreviousTurn(
        "Which NGO helped Fatima?",
        (
            "After another year Fatima escaped again, helped by some sympathetic Central "
            "Asians living in Moscow.",
            "Fatima recalled in the office of Shymkent-based NGO Sana Sezim.",
        ),
    )
    assert resolve("What does it distribute at border posts?", ngo).resolved == (
        "What does Sana Sezim distribute at border posts?"
    )


def test_the_next_it_is_the_thing_the_last_it_was_read_as() -> None:
    first = PreviousTurn(
        STATEHOOD,
        ("The last attempt, the Pico Act of 1859, was passed by the State Legislature.",),
    )
    signed = resolve("who signed it?", first)
    assert signed.thing == "the Pico Act of 1859"
    after = PreviousTurn(
        signed.resolved,
        ("It was signed by the State governor John B. Weller.",),
        thing=signed.thing,
    )
    assert resolve("why did it never come to a vote?", after).resolved == (
        "Why did the Pico Act of 1859 never come to a vote?"
    )


def test_she_after_who_is_the_president_is_the_one_the_answer_names_beside_the_title() -> None:
    previous = PreviousTurn(
        "Who is the president of Sana Sezim?",
        (
            "Sana Sezim worked on the case from Shymkent and Fatima promised to testify.",
            "“When there is an organized criminal group, there is always protection,” "
            "commented Khadicha Abysheva, Sana Sezim’s president.",
        ),
    )
    assert resolve("What did she say about organized crime?", previous).resolved == (
        "What did Khadicha Abysheva say about organized crime?"
    )


@pytest.mark.parametrize(
    ("previous", "question", "resolved"),
    [
        (
            "How many people were convicted of extremism in Kyrgyzstan in 2017?",
            "no, I meant in Tajikistan",
            "How many people were convicted of extremism in Tajikistan in 2017?",
        ),
        (
            "How many people were convicted of extremism in Kyrgyzstan in 2017?",
            "No, Tajikistan",
            "How many people were convicted of extremism in Tajikistan in 2017?",
        ),
        (
            "How many people were convicted of extremism in Kyrgyzstan between 2010 and 2017?",
            "only 2017",
            "How many people were convicted of extremism in Kyrgyzstan in 2017?",
        ),
        (
            "How many criminal cases were opened in Kazakhstan last year?",
            "sorry, I meant in 2011",
            "How many criminal cases were opened in Kazakhstan in 2011?",
        ),
    ],
)
def test_a_correction_or_narrowing_is_put_into_the_last_question(
    previous: str, question: str, resolved: str
) -> None:
    assert resolve(question, PreviousTurn(previous)).resolved == resolved


@pytest.mark.parametrize("question", ["No one else?", "Nobody knows who won?"])
def test_no_as_a_word_of_the_question_is_no_correction(question: str) -> None:
    assert resolve(question, PreviousTurn("Who won?")).resolved == question


@pytest.mark.parametrize(
    "question", ["What did Arsene Wenger say about it?", "What did the coach say about it?"]
)
def test_it_is_never_the_one_who_speaks_in_its_own_question(question: str) -> None:
    previous = PreviousTurn("Who fined Luis Aragones?")
    assert resolve(question, previous).resolved == (
        f"{question} (following: Who fined Luis Aragones?)"
    )


def test_he_is_never_a_name_written_with_the() -> None:
    previous = PreviousTurn("When was the Australian Open played?")
    assert resolve("How old is he?", previous).resolved == (
        "How old is he? (following: When was the Australian Open played?)"
    )


def test_he_is_not_the_one_a_carried_who_question_names_beside_the_one_it_asks_for() -> None:
    previous = PreviousTurn("What was the score? (following: Who beat Carlos Moya?)")
    assert resolve("How old is he?", previous).resolved == (
        "How old is he? (following: What was the score? Who beat Carlos Moya?)"
    )


def test_a_counted_noun_with_an_of_phrase_keeps_it_after_the_fragments_noun() -> None:
    previous = PreviousTurn("How many victims of trafficking did the IOM assist in Kazakhstan?")
    assert resolve("and women?", previous).resolved == (
        "How many women victims of trafficking did the IOM assist in Kazakhstan?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "What did Microsoft rename it?",
        "What did the company rename it?",
        "What did the Greens call it?",
    ],
)
def test_an_object_pronoun_is_not_its_own_clauses_subject(question: str) -> None:
    previous = PreviousTurn(
        "Which court ruled against Microsoft over SkyDrive?",
        ("In July 2013, the English High Court of Justice found that Microsoft infringed.",),
    )
    assert resolve(question, previous).resolved == (
        f"{question} (following: Which court ruled against Microsoft over SkyDrive?)"
    )


def test_an_object_pronoun_of_another_clause_may_be_the_subject() -> None:
    previous = PreviousTurn("By what name is the 2005 uprising known?")
    question = "What was Askar Akayev's profession when Moscow appointed him?"
    assert resolve(question, previous).resolved == question


def test_he_after_who_provided_is_the_one_the_answer_names_before_that_verb() -> None:
    previous = PreviousTurn(
        "Who provided the sign language translation? (following: Who sang the anthem?)",
        (
            "Bart Starr and Chuck Howley appeared via video.",
            "Six-time Grammy winner Lady Gaga performed the national anthem, while Academy "
            "Award winner Marlee Matlin provided American Sign Language (ASL) translation.",
        ),
    )
    assert resolve("What award has she won?", previous).resolved == (
        "What award has Marlee Matlin won?"
    )


def test_the_answer_sentence_is_chosen_by_the_last_questions_own_words_first() -> None:
    previous = PreviousTurn(
        "Who was their quarterback? (following: Which team won Super Bowl 50?)",
        (
            "Super Bowl 50 featured numerous records from individuals and teams.",
            "Peyton Manning became the first quarterback ever to lead two different teams to "
            "multiple Super Bowls.",
        ),
    )
    assert resolve("How old was he?", previous).resolved == "How old was Peyton Manning?"


@pytest.mark.parametrize(
    ("asked", "sentence", "follow_up", "resolved"),
    [
        (
            "Who led the mediation?",
            "“We are close,” said Zoë Lefèvre-Dubois, who led the mediation.",
            "What did she say?",
            "What did Zoë Lefèvre-Dubois say?",
        ),
        (
            "Who won the election in Iceland?",
            "Ólafur Grímsson won the election.",
            "What did he say?",
            "What did Ólafur Grímsson say?",
        ),
    ],
)
def test_a_name_with_capitals_of_other_alphabets_is_a_referent(
    asked: str, sentence: str, follow_up: str, resolved: str
) -> None:
    assert resolve(follow_up, PreviousTurn(asked, (sentence,))).resolved == resolved


def test_them_is_the_counted_plural_a_which_organisation_question_names() -> None:
    previous = PreviousTurn(
        "Which organization assisted 858 victims of trafficking in Kazakhstan?",
        ("The IOM says that it assisted 858 victims of trafficking in Kazakhstan.",),
    )
    assert resolve("How many of them were women?", previous).resolved == (
        "How many of the victims of trafficking were women?"
    )


def test_a_pronoun_left_after_another_is_named_is_asked_after_the_last_question() -> None:
    previous = PreviousTurn(
        "Who criticised the fine given to Luis Aragones?",
        ("Arsenal boss Arsene Wenger believes that the punishment was too lenient.",),
    )
    assert resolve("What did he say about it?", previous).resolved == (
        "What did Arsene Wenger say about it? (following: Who criticised the fine given to "
        "Luis Aragones?)"
    )


def test_there_before_an_adverb_and_is_is_no_place() -> None:
    previous = PreviousTurn(
        "Who is the president of Sana Sezim?",
        ("“There is always protection,” commented Khadicha Abysheva, Sana Sezim’s president.",),
    )
    assert resolve("What does she say there always is?", previous).resolved == (
        "What does Khadicha Abysheva say there always is?"
    )


@pytest.mark.parametrize("previous", ["Where is Shymkent?", "How many people live in Shymkent?"])
def test_what_happens_there_is_a_clause_whose_there_is_the_last_place(previous: str) -> None:
    assert resolve("What happens there?", PreviousTurn(previous)).resolved == (
        "What happens in Shymkent?"
    )


def test_it_after_which_report_is_a_name_of_at_most_eight_words_starting_a_word() -> None:
    # A long run of capitalised words (a headline in title case, a list of names) gives its
    # last eight words, found in time growing with the sentence's length (no backtracking
    # over every start of every run: a 3,000-word run took minutes).
    names = " ".join(f"Board{i}" for i in range(12))
    headline = PreviousTurn("Which report found fraud?", (f"The {names} report found fraud.",))
    assert resolve("Who published it?", headline).resolved == (
        "Who published the Board4 Board5 Board6 Board7 Board8 Board9 Board10 Board11 report?"
    )
    long_run = PreviousTurn("Which report found fraud?", ("The Abc " * 3000 + "report.",))
    assert resolve("Who published it?", long_run).resolved == (
        "Who published the Abc The Abc The Abc The Abc report?"
    )


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("how long did it take?", "How long did it take?"),
        ("how much did it cost?", "How much did it cost?"),
        ("and how long will it take?", "And how long will it take?"),
    ],
)
def test_it_take_or_cost_with_nothing_named_is_asked_after_the_last_question(
    question: str, asked: str
) -> None:
    previous = PreviousTurn("Who did Ana Petrova lose to in the final?")
    resolution = resolve(question, previous)
    assert resolution.kind != STANDALONE
    assert resolution.resolved == (
        f"{asked} (following: Who did Ana Petrova lose to in the final?)"
    )


def test_it_is_never_the_place_the_last_question_is_set_in() -> None:
    previous = PreviousTurn(
        "How many new theatres will be allowed in the EU?",
        ("Minister Eva Smit announced a cap on new theatres in the EU.",),
    )
    assert resolve("who announced it?", previous).resolved == (
        "Who announced it? (following: How many new theatres will be allowed in the EU?)"
    )


def test_how_much_will_be_done_names_nothing_and_follows_the_last_question() -> None:
    previous = PreviousTurn("What did Tomas Berg say about schools in Ghana?")
    assert resolve("how much will be invested?", previous).resolved == (
        "How much will be invested? (following: What did Tomas Berg say about schools in Ghana?)"
    )


def test_he_after_who_is_the_role_is_that_role_when_the_answer_names_no_one() -> None:
    previous = PreviousTurn(
        "Who is the referee? (following: How many fouls did Vale United commit?)",
        ("In the end the referee stopped the match for ten minutes.",),
    )
    assert resolve("what did he tell the captain?", previous).resolved == (
        "What did the referee tell the captain?"
    )
    named = PreviousTurn(
        "Who is the referee?", ("The referee, Piet Jansen, stopped the match for ten minutes.",)
    )
    assert resolve("what did he tell the captain?", named).resolved == (
        "What did Piet Jansen tell the captain?"
    )


def test_a_phrase_with_a_name_replaces_the_phrase_of_its_shape() -> None:
    previous = PreviousTurn("What did the mayor say about 2019?")
    assert resolve("and about the EU?", previous).resolved == (
        "What did the mayor say about the EU?"
    )


def test_a_fragment_after_why_is_put_into_the_question_why_followed() -> None:
    previous = PreviousTurn("Why? (following: What did Anna Berg say about Lindqvist?)")
    assert resolve("and what about the Greens?", previous).resolved == (
        "What did Anna Berg say about the Greens?"
    )


def test_it_after_a_question_about_a_study_is_that_study() -> None:
    previous = PreviousTurn("What does Maria Lind's latest study say about rivers?")
    resolution = resolve("where was it published?", previous)
    assert resolution.kind != SOURCE
    assert resolution.resolved == "Where was Maria Lind's latest study published?"
    assert resolve(
        "who funded it?", PreviousTurn(resolution.resolved, (), "", resolution.thing)
    ).resolved == ("Who funded Maria Lind's latest study?")


def test_they_is_a_plural_subject_with_a_name_before_its_noun() -> None:
    previous = PreviousTurn(
        "How do the Nordo lamps connect to it? (following: Which hub can dim LED bulbs?)",
        ("The Nordo lamps connect to the hub by radio.",),
    )
    assert resolve("how much do they cost?", previous).resolved == (
        "How much do the Nordo lamps cost?"
    )


def test_he_after_who_is_a_name_is_that_name() -> None:
    previous = PreviousTurn(
        "Who is Judge Mara Quist?",
        ("Judge Mara Quist told the defence lawyer Tom Reyes to sit down.",),
    )
    assert resolve("what did she say to the jury?", previous).resolved == (
        "What did Judge Mara Quist say to the jury?"
    )


def test_when_after_what_noun_did_someone_do_puts_the_noun_after_the_verb() -> None:
    previous = PreviousTurn("What prize did she win? (following: Where did Ines Moll study?)")
    assert resolve("when?", previous).resolved == (
        "When did she win the prize? (following: Where did Ines Moll study?)"
    )


def test_he_is_a_single_name_the_last_question_asked_about() -> None:
    previous = PreviousTurn("What did Okafor say about the budget?", ("Okafor said it was fair.",))
    assert resolve("is he standing again?", previous).resolved == "Is Okafor standing again?"


def test_she_is_no_single_name_the_answer_calls_he() -> None:
    previous = PreviousTurn(
        "How old is Okafor?",
        ("Okafor said he was 61.",),
        earlier=("What did Ines Moll say about the budget?",),
    )
    assert resolve("where did she grow up?", previous).resolved == ("Where did Ines Moll grow up?")


def test_he_is_the_person_named_earlier_when_the_last_question_names_nobody() -> None:
    previous = PreviousTurn(
        "How many people live there? (following: Where did Pavel Dusek go in Chile?)",
        ("Around 9,000 people live in the camp.",),
        earlier=("Where did Pavel Dusek go in Chile?", "Who is Ines Moll?"),
    )
    assert resolve("what did he say about schools?", previous).resolved == (
        "What did Pavel Dusek say about schools?"
    )
    nobody = PreviousTurn("How many people live there?", (), earlier=("How big is the camp?",))
    assert resolve("what did he say about schools?", nobody).resolved == (
        "What did he say about schools? (following: How many people live there?)"
    )


def test_she_is_no_name_the_passages_go_on_about_as_he() -> None:
    previous = PreviousTurn(
        "Where did Okafor grow up?",
        ("Governor Ada Bello appointed Okafor in 2001.",),
        earlier=("How old is Ines Moll?",),
        passages=("Governor Ada Bello appointed Okafor in 2001. He served for a decade.",),
    )
    assert resolve("what did she study?", previous).resolved == "What did Ines Moll study?"
    assert resolve("what did he study?", previous).resolved == "What did Okafor study?"


@pytest.mark.parametrize(
    "question",
    [
        "tell me more",
        "Tell me more about it.",
        "go on",
        "what else did he say?",
        "what did she say next?",
        "anything else?",
        "ok, more please",
    ],
)
def test_a_request_for_more_goes_on_from_the_last_answer(question: str) -> None:
    previous = PreviousTurn("What did Ines Moll say about the budget?")
    resolution = resolve(question, previous)
    assert resolution.kind == MORE
    assert resolution.resolved.endswith("(following: What did Ines Moll say about the budget?)")


@pytest.mark.parametrize(
    "question", ["How many more casinos will open?", "Is there more rain on the way?"]
)
def test_more_inside_a_question_asks_no_more(question: str) -> None:
    assert resolve(question, PreviousTurn("What did Ines Moll say?")).kind != MORE


def test_a_name_of_another_kind_takes_the_place_of_the_one_name_asked_about() -> None:
    previous = PreviousTurn("What did Tomas Berg say about the port?")
    assert resolve("and the Harbour Authority?", previous).resolved == (
        "What did the Harbour Authority say about the port?"
    )


@pytest.mark.parametrize(
    ("previous", "asked"),
    [
        ("Which state banned plastic straws?", "Which state banned drones?"),
        (
            "Which company builds the most trucks in Europe?",
            "Which company builds the most drones in Europe?",
        ),
    ],
)
def test_a_plural_after_which_noun_replaces_the_plural_the_verb_acts_on(
    previous: str, asked: str
) -> None:
    assert resolve("and drones?", PreviousTurn(previous)).resolved == asked


def test_he_is_no_one_named_earlier_when_the_last_question_names_someone_or_an_unnamed_he() -> None:
    named = PreviousTurn(
        "What did Okafor say about Lindqvist?", (), earlier=("Who is Pavel Dusek?",)
    )
    assert resolve("when did he say it?", named).resolved == (
        "When did he say it? (following: What did Okafor say about Lindqvist?)"
    )
    unnamed = PreviousTurn(
        "How old is he? (following: Who bought Vale Rovers?)",
        (),
        earlier=("Who bought Vale Rovers?",),
    )
    assert resolve("how big is his stake?", unnamed).resolved == (
        "How big is his stake? (following: How old is he? Who bought Vale Rovers?)"
    )


def test_an_object_pronoun_is_never_a_name_of_its_own_clause() -> None:
    previous = PreviousTurn("How big was the severance payment for Vantor chairman Ed Lamb?")
    assert resolve("who told the inquiry about it?", previous).resolved == (
        "Who told the inquiry about the severance payment?"
    )


def test_it_after_how_big_is_the_thing_the_question_measured() -> None:
    previous = PreviousTurn("How big was the severance payment for Vantor chairman Ed Lamb?")
    assert resolve("has it been paid?", previous).resolved == (
        "Has the severance payment been paid?"
    )


def test_he_is_never_a_counted_group_of_people() -> None:
    previous = PreviousTurn(
        "how many Norwegians were injured?", earlier=("What did Tom Berg film?",)
    )
    assert resolve("who did he call?", previous).resolved == "Who did Tom Berg call?"


def test_a_name_opening_with_a_count_is_no_person() -> None:
    previous = PreviousTurn(
        "Who will chair the new council?",
        ("Four Dutch ministers and two aides were hurt near the border, the army said.",),
    )
    assert resolve("how old is he?", previous).resolved == (
        "How old is he? (following: Who will chair the new council?)"
    )


def test_a_title_before_the_surname_says_whether_he_or_she_whatever_pronouns_stand_near() -> None:
    previous = PreviousTurn(
        "Where? (following: Who shot Sir Tom Ray?)",
        ("Harbour official Anna Voss said she had seen the body of Sir Tom Ray.",),
        passages=(
            "Anna Voss spoke to reporters. He had been hit twice, Ms Voss said. He was found.",
        ),
        earlier=("Who shot Sir Tom Ray?",),
    )
    assert resolve("how old was he?", previous).resolved == "How old was Sir Tom Ray?"


def test_she_is_the_one_the_answer_speaks_of_as_she_not_the_first_name_it_gives() -> None:
    previous = PreviousTurn(
        "And the women's race? (following: Who won the 400 metres?)",
        (
            "Tom Ray won the 400 metres race in 47 seconds.",
            "Ann Lee won the women's 400 metres and says she will buy a bike with the prize.",
        ),
    )
    assert resolve("what will she buy?", previous).resolved == "What will Ann Lee buy?"


def test_they_is_the_plural_subject_of_its_own_phrase_not_the_phrase_before_it() -> None:
    previous = PreviousTurn("How long is the pay freeze the Vantor unions oppose?")
    assert resolve("how many members do they have?", previous).resolved == (
        "How many members do the Vantor unions have?"
    )


def test_her_coach_is_the_coach_of_the_one_whose_coach_was_asked_about() -> None:
    previous = PreviousTurn(
        "Who will be Ann Lee's new coach?", ("Tom Ray will become the new coach of Ann Lee.",)
    )
    assert resolve("who was her coach before?", previous).resolved == (
        "Who was Ann Lee's coach before?"
    )


@pytest.mark.parametrize(
    ("last", "name", "expected"),
    [
        ("What did the club spokesman say?", "and Tom Ray?", "What did Tom Ray say?"),
        ("What did the Opposition say?", "and Ann Lee?", "What did Ann Lee say?"),
    ],
)
def test_a_name_after_what_did_the_role_say_takes_the_speakers_place(
    last: str, name: str, expected: str
) -> None:
    assert resolve(name, PreviousTurn(last)).resolved == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Where was the ferry sailing from?", "Why was the ferry sailing?"),
        ("How many times was the vote delayed?", "Why was the vote delayed?"),
    ],
)
def test_why_leaves_no_preposition_or_measure_of_the_last_question_behind(
    last: str, expected: str
) -> None:
    assert resolve("why?", PreviousTurn(last)).resolved == expected


def test_he_after_who_signed_is_the_one_the_answer_says_signed() -> None:
    previous = PreviousTurn(
        "Who signed the treaty?",
        (
            "The treaty gives Portvale a new port.",
            "Mayor Lena Ortiz signed the document on Monday.",
        ),
    )
    assert resolve("what did she say?", previous).resolved == "What did Mayor Lena Ortiz say?"


def test_a_question_about_a_person_the_last_passages_name_can_be_read_in_their_matter() -> None:
    previous = PreviousTurn(
        "Who called for an inquiry into ferry fares?",
        ("Ferry fares rose again.",),
        passages=("Ferry fares rose again. The group's Ann Lee says fares are too high.",),
    )
    again = in_the_matter_shown("what did Ann Lee say?", previous)
    assert again is not None
    assert again.resolved == (
        "What did Ann Lee say? (following: Who called for an inquiry into ferry fares?)"
    )
    assert in_the_matter_shown("what did Ann Lee say about the new bridge?", previous) is None
    assert in_the_matter_shown("what did Tom Ray say?", previous) is None


@pytest.mark.parametrize("question", ["and how many were wounded?", "how many were wounded?"])
def test_a_count_of_another_verb_is_asked_of_the_same_people(question: str) -> None:
    previous = PreviousTurn("How many ferry passengers were killed in the crash off Stenby?")
    assert resolve(question, previous).resolved == (
        "How many ferry passengers were wounded in the crash off Stenby?"
    )


def test_he_is_the_one_a_passage_says_did_what_the_question_asks_about() -> None:
    previous = PreviousTurn(
        "What did the mayor say? (following: Who is bidding for the barn?)",
        ("Portvale Mayor Lena Ortiz says the council will not bid.",),
        passages=(
            "Portvale Mayor Lena Ortiz says the council will not bid. Tom Ray painted the old "
            "barn red in May and moved to the coast.",
        ),
        earlier=("Who is bidding for the barn of Tom Ray?", "Who is Tom Ray?"),
    )
    assert resolve("When did he paint the barn?", previous).resolved == (
        "When did Tom Ray paint the barn?"
    )
    assert resolve("what did she say?", previous).resolved == ("What did Lena Ortiz say?")


def test_a_verb_after_is_is_no_subject_the_pronoun_could_not_be() -> None:
    previous = PreviousTurn("Where is Tom Ray now?")
    assert resolve("Who is writing a book about him?", previous).resolved == (
        "Who is writing a book about Tom Ray?"
    )


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("how many Norwegians were injured?", [("Norwegians", "group")]),
        ("Twelve Britons died.", [("Britons", "group")]),
        ("Will all Vantor flights run?", [("Vantor", "unknown")]),
    ],
)
def test_a_plural_name_after_a_count_is_a_group_unless_it_qualifies_a_noun(
    text: str, kinds: list[tuple[str, str]]
) -> None:
    spans = entity_spans(text, Vocabulary())
    assert [(text[start:end], kind) for start, end, kind in spans] == kinds


@pytest.mark.parametrize("fragment", ["and the online ones?", "and online job ads?"])
def test_another_item_of_the_list_takes_the_place_of_the_one_asked_about(fragment: str) -> None:
    previous = PreviousTurn("How many print job ads were placed in May?")
    assert resolve(fragment, previous).resolved == "How many online job ads were placed in May?"


def test_the_other_ones_keep_the_name_before_the_noun() -> None:
    previous = PreviousTurn("How many Vantor workers rejected the pay offer?")
    assert resolve("and the office ones?", previous).resolved == (
        "How many Vantor office workers rejected the pay offer?"
    )


def test_a_possessive_fragment_takes_the_place_of_a_possessor_of_another_kind() -> None:
    assert resolve("and the bank's?", PreviousTurn("Who is the union's secretary?")).resolved == (
        "Who is the bank's secretary?"
    )
    # The union's man goes with the union: the bank's words are asked for.
    assert (
        resolve("and Harbour Bank's?", PreviousTurn("What did the union's Tom Ray say?")).resolved
        == "What did Harbour Bank say?"
    )


def test_a_role_fragment_takes_the_place_of_the_one_person_asked_about() -> None:
    previous = PreviousTurn("What did Tom Ray say?", ("Tom Ray said the deal was fair.",))
    assert resolve("and the chief executive?", previous).resolved == (
        "What did the chief executive say?"
    )


def test_it_can_be_the_body_a_question_counts_the_members_of() -> None:
    previous = PreviousTurn("How many groups are in the Harbour Rowing Council?")
    assert resolve("who heads it?", previous).resolved == "Who heads the Harbour Rowing Council?"


def test_where_someone_is_from_is_no_part_of_his_name() -> None:
    previous = PreviousTurn("Who was named coach?", ("West Australian Tom Ray was named coach.",))
    assert resolve("which state is he from?", previous).resolved == "Which state is Tom Ray from?"


def test_he_after_a_question_about_a_role_is_the_one_the_answer_gives_it() -> None:
    previous = PreviousTurn(
        "What does the harbour minister say? (following: How many ships did Ann Lee count?)",
        ("Harbour Minister Tom Ray says the port will grow.",),
    )
    assert resolve("who is he?", previous).resolved == "Who is Tom Ray?"


def test_a_question_naming_nothing_is_read_again_in_the_matter_asked_before() -> None:
    previous = PreviousTurn("What share of pupils skipped school in Portvale?")
    again = in_the_matter_shown("what was the main reason?", previous)
    assert again is not None
    assert again.resolved == (
        "What was the main reason? (following: What share of pupils skipped school in Portvale?)"
    )


def test_the_report_the_last_passages_speak_of_is_not_the_article() -> None:
    previous = PreviousTurn(
        "How many pupils skipped school in Portvale?",
        passages=("A report by the Harbour Institute says one pupil in ten skipped school.",),
    )
    assert resolve("who published the report?", previous).kind != SOURCE
    assert resolve("who published the report?", PreviousTurn("Who won the race?")).kind == SOURCE


def test_it_is_the_work_the_last_question_named_with_a_name_before_it() -> None:
    previous = PreviousTurn("Who released the Tom Ray videotape?")
    assert resolve("how long is it?", previous).resolved == "How long is the Tom Ray videotape?"


@pytest.mark.parametrize(
    ("fragment", "resolved"),
    [
        ("and the year before?", "How many people died of flu in 1999?"),
        ("and the previous year?", "How many people died of flu in 1999?"),
        ("what about the year after?", "How many people died of flu in 2001?"),
    ],
)
def test_the_year_before_or_after_takes_the_place_of_the_year_asked_about(
    fragment: str, resolved: str
) -> None:
    previous = PreviousTurn("How many people died of flu in 2000?")
    assert resolve(fragment, previous).resolved == resolved


def test_a_possessive_name_in_a_persons_place_is_the_name_alone() -> None:
    previous = PreviousTurn("What did Mr Ray say is the key issue?")
    assert resolve("and Vantor's?", previous).resolved == "What did Vantor say is the key issue?"


def test_a_role_fragment_takes_a_speakers_place_only() -> None:
    previous = PreviousTurn("Which union is Tom Ray from?")
    assert resolve("and the mine manager?", previous).resolved == (
        "And the mine manager? (following: Which union is Tom Ray from?)"
    )


def test_it_is_what_a_how_heavy_question_measured() -> None:
    previous = PreviousTurn("How heavy was the bomb dropped on the hills?")
    assert resolve("what is it called?", previous).resolved == "What is the bomb called?"


def test_a_demonym_names_no_one_a_who_question_asked_for() -> None:
    previous = PreviousTurn(
        "Who was found guilty of robbing the Portvale bank?",
        (
            "A Danish man has been found guilty of robbing a bank.",
            "Tom Ray was sentenced to six years for robbing the Portvale bank.",
        ),
    )
    assert resolve("what was he sentenced to?", previous).resolved == (
        "What was Tom Ray sentenced to?"
    )


def test_a_name_before_a_plural_of_people_is_no_person() -> None:
    previous = PreviousTurn(
        "Who freed the hostage pilot?",
        ("The pilot was freed on Sunday by Tarn Vale soldiers near the dam.",),
    )
    assert resolve("how long was he held?", previous).resolved == (
        "How long was he held? (following: Who freed the hostage pilot?)"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The award went to Ann Lee after Peter Smith withdrew.",
        "Tom Ray sent Ann Lee a letter.",
        "Tom Ray spent Christmas Day with his family.",
    ],
)
def test_a_word_between_two_names_that_is_no_role_leaves_both_people(sentence: str) -> None:
    kinds = [kind for _, _, kind in entity_spans(sentence, Vocabulary())]
    assert "organisation" not in kinds


def test_he_after_a_title_word_with_an_origin_before_it_is_the_titled_person() -> None:
    previous = PreviousTurn(
        "Who rejected the unity ticket?",
        ("The little-known East Ruritanian senator Brian Vell has rejected the unity ticket.",),
    )
    assert resolve("which state is he from?", previous).resolved == (
        "Which state is Brian Vell from?"
    )


def test_a_role_is_no_name() -> None:
    previous = PreviousTurn(
        "Who became chair of the library board?",
        (
            "On Tuesday the town's readers voted for a new library board.",
            "Dame Ivy Serle, the Deputy Mayor's sister, takes the chair from March.",
        ),
    )
    assert resolve("what did she do before?", previous).resolved == (
        "What did Dame Ivy Serle do before?"
    )


def test_who_is_doing_something_asks_about_the_matter_before() -> None:
    previous = PreviousTurn("How many lambs went missing from the Ardle farm?")
    assert resolve("who is searching?", previous).resolved == (
        "Who is searching? (following: How many lambs went missing from the Ardle farm?)"
    )
    assert resolve("what is rafting?", previous).kind == STANDALONE


def test_she_after_who_says_so_is_the_first_one_the_answer_names() -> None:
    previous = PreviousTurn(
        "Who says so? (following: How many ferry crossings will end?)",
        (
            "After a long meeting, the harbour board says four routes will close.",
            "Ferry pilot Rosa Quint expects eleven crossings to end in June.",
        ),
    )
    assert resolve("which crew is she in?", previous).resolved == ("Which crew is Rosa Quint in?")


def test_a_name_the_last_turn_used_after_the_leans_on_that_turn() -> None:
    previous = PreviousTurn(
        "When does the new ferry timetable start?",
        ("The Tribunal approved the new timetable on Friday.",),
    )
    assert resolve("what did the Tribunal rule?", previous).resolved == (
        "What did the Tribunal rule? (following: When does the new ferry timetable start?)"
    )
    assert resolve("what did the Tribunal rule?", PreviousTurn("Who won the race?")).kind == (
        STANDALONE
    )
    earlier = PreviousTurn(
        "Who heads the Harbour Rowing Council?", earlier=("How many sat in the Senate?",)
    )
    assert resolve("where is the Senate?", earlier).resolved == (
        "Where is the Senate? (following: Who heads the Harbour Rowing Council?)"
    )


def test_another_item_of_a_list_named_by_where_it_is_from() -> None:
    previous = PreviousTurn("How many Danish sailors were hurt?")
    assert resolve("and the Finnish ones?", previous).resolved == (
        "How many Finnish sailors were hurt?"
    )


def test_a_role_takes_the_place_of_the_role_and_its_holder() -> None:
    previous = PreviousTurn("What did the Kelso mayor Tom Ray say?")
    assert resolve("and the deputy mayor?", previous).resolved == "What did the deputy mayor say?"


def test_he_after_a_role_question_may_be_named_by_the_roles_last_word() -> None:
    previous = PreviousTurn(
        "What does the harbour minister say?", ("Minister Tom Ray says ships are coming.",)
    )
    assert resolve("who is he?", previous).resolved == "Who is Tom Ray?"


@pytest.mark.parametrize(
    ("previous", "fragment", "resolved"),
    [
        # Whose role it was carries to the new role of the same body.
        (
            "What did Finland's prime minister say about the strike?",
            "and the finance minister?",
            "What did Finland's finance minister say about the strike?",
        ),
        (
            "What did the Danish Prime Minister say?",
            "and the Mayor?",
            "What did the Danish Mayor say?",
        ),
        (
            "Who is the rowing club's secretary?",
            "and the treasurer?",
            "Who is the rowing club's treasurer?",
        ),
        # A role that says itself whose it is takes the whole place.
        (
            "What did the Dutch Government spokesman say?",
            "and the EU foreign minister?",
            "What did the EU foreign minister say?",
        ),
        (
            "What did the Health Minister say about waiting lists?",
            "and the shadow Health Minister?",
            "What did the shadow Health Minister say about waiting lists?",
        ),
        # The old role goes whole: no "the Mayor leader".
        (
            "What did the Greens leader say?",
            "and the Mayor?",
            "What did the Mayor say?",
        ),
    ],
)
def test_a_new_role_of_the_same_body_keeps_whose_role_the_last_one_was(
    previous: str, fragment: str, resolved: str
) -> None:
    assert resolve(fragment, PreviousTurn(previous)).resolved == resolved


def test_the_year_before_a_span_of_years_moves_both_ends() -> None:
    previous = PreviousTurn("How much did the port earn in 2010-11?")
    assert resolve("and the year before?", previous).resolved == (
        "How much did the port earn in 2009-10?"
    )


def test_the_year_before_is_the_one_before_the_year_the_conversation_is_about() -> None:
    previous = PreviousTurn(
        "How much came from tolls? (following: How much did the port earn in 2012?)",
        earlier=("How much did the port earn in 2012?",),
    )
    assert resolve("and the year before?", previous).resolved == (
        "How much came from tolls in 2011? (following: How much did the port earn in 2012?)"
    )


def test_he_is_the_one_a_question_asks_about_as_its_subject() -> None:
    previous = PreviousTurn("What did Tom Ray say about Peter Smith?")
    assert resolve("who did he replace in the team?", previous).resolved == (
        "Who did Tom Ray replace in the team?"
    )


def test_a_name_before_men_or_women_is_no_one_person() -> None:
    sentence = "The group of Sea Dayak men was found aboard the yacht."
    assert entity_spans(sentence, Vocabulary(), person_cues=True) == [(13, 22, "organisation")]


def test_a_count_of_people_that_names_nothing_leans_on_the_last_turn() -> None:
    previous = PreviousTurn("What did the jet strike?")
    assert resolve("how many people were injured?", previous).resolved == (
        "How many people were injured? (following: What did the jet strike?)"
    )


def test_he_after_a_role_asked_as_typed_is_the_one_the_answer_names_with_it() -> None:
    previous = PreviousTurn(
        "And the president of the Harbour Rowing Society? "
        "(following: What did the Transport Minister say about the plan?)",
        (
            "President of the Harbour Rowing Society of Kelso, Peter Smith, says the plan is "
            "unfair.",
            "The Transport Minister, Tom Ray, says he is pleased with the plan.",
        ),
        earlier=("What did the Transport Minister say about the plan?",),
    )
    assert resolve("what does he accuse the council of?", previous).resolved == (
        "What does Peter Smith accuse the council of?"
    )


def test_a_name_before_a_winner_and_a_titled_name_is_no_person() -> None:
    sentence = "Kelso Cup winner Sir Tom Ray was killed in a shooting."
    assert entity_spans(sentence, Vocabulary(), person_cues=True) == [
        (0, 9, "organisation"),
        (17, 28, "person"),
    ]
    previous = PreviousTurn(
        "Who killed Sir Tom Ray?",
        ("Police said Mr Ray was shot dead by robbers.", sentence),
    )
    assert resolve("how old was he?", previous).resolved == (
        "How old was he? (following: Who killed Sir Tom Ray?)"
    )


def test_she_after_a_question_about_a_body_is_the_woman_the_answer_names_for_it() -> None:
    # Two capitalised words read as a person's name, but "Sea Watch's director" makes it a body.
    previous = PreviousTurn(
        "What did Sea Watch say about the rescue?",
        (
            "“We saved forty people,” said Lena Holm, Sea Watch’s director.",
            "Sea Watch runs two boats from the harbour at Kelso.",
        ),
    )
    assert resolve("who is she?", previous).resolved == "Who is Lena Holm?"
    assert resolve("what did she say about the boats?", previous).resolved == (
        "What did Lena Holm say about the boats?"
    )


def test_he_after_a_question_about_a_body_is_the_first_man_the_answer_names() -> None:
    # The answer's first sentence names no one; its passage writes "the charity Silver Gull".
    previous = PreviousTurn(
        "What did Silver Gull say about the pier?",
        (
            "Silver Gull said the pier was unsafe.",
            "Its founder, Tom Ray, said repairs would take a year.",
        ),
        passages=(
            "The charity Silver Gull said the pier was unsafe. Its founder, Tom Ray, said "
            "repairs would take a year.",
        ),
    )
    assert resolve("how old is he?", previous).resolved == "How old is Tom Ray?"


def test_he_after_a_question_about_a_name_never_written_as_a_body_is_that_name() -> None:
    previous = PreviousTurn(
        "What did Tom Ray say about the pier?",
        ("Tom Ray said the pier was unsafe.", "Harbour master Ivo Marsh said it would reopen."),
    )
    assert resolve("how old is he?", previous).resolved == "How old is Tom Ray?"


def test_an_earlier_question_s_negation_is_not_searched_with_the_question_after_it() -> None:
    # "doesn't" asked why, not what is not so: the next question must not ask for a denial.
    previous = PreviousTurn("Why doesn't the quota rule apply to Kyrgyzstan?")
    resolved = resolve("and migrants from Norland working at building sites?", previous).resolved
    assert searched(resolved) == (
        "And migrants from Norland working at building sites (the quota rule apply to kyrgyzstan)?"
    )


@pytest.mark.parametrize(
    ("last", "question", "resolved"),
    [
        (
            "How many counties does Southern California comprise?",
            "what is the population of the region?",
            "What is the population of Southern California?",
        ),
        (
            "How many people were convicted of terrorism in Kyrgyzstan in 2017?",
            "which party governs the country?",
            "Which party governs Kyrgyzstan?",
        ),
        (
            "When did the council of Stenby approve the budget?",
            "how many people live in this town?",
            "How many people live in Stenby?",
        ),
        # A country only for "the country"; the area a question asked about is not the town.
        (
            "When did Tom Ray visit Portvale?",
            "what is the capital of the country?",
            "What is the capital of the country? (following: When did Tom Ray visit Portvale?)",
        ),
        (
            "Which area of the Stenby region burned?",
            "how many people live in the region?",
            "How many people live in the region? (following: Which area of the Stenby region "
            "burned?)",
        ),
    ],
)
def test_the_region_is_the_place_the_last_questions_named(
    last: str, question: str, resolved: str
) -> None:
    assert resolve(question, PreviousTurn(last)).resolved == resolved


def test_a_compass_word_before_a_name_makes_a_place() -> None:
    question = "How many counties does Southern California comprise?"
    assert [(question[a:b], kind) for a, b, kind in entity_spans(question, Vocabulary())] == [
        ("Southern California", "place")
    ]


def test_he_after_a_who_question_answered_without_capitals_is_the_titled_name() -> None:
    previous = PreviousTurn(
        "Who said the proposal would mean a 35% hike?",
        ("mr holm has said the commission s proposal would mean a 35% hike in the budget.",),
    )
    assert resolve("what office does he hold?", previous).resolved == (
        "What office does Mr Holm hold?"
    )
    # "mr" is no "she": the question is asked after the last one instead.
    assert resolve("what office does she hold?", previous).resolved == (
        "What office does she hold? (following: Who said the proposal would mean a 35% hike?)"
    )


def test_she_after_a_question_about_a_role_is_that_role_or_the_one_the_answer_names() -> None:
    previous = PreviousTurn(
        "Why did the mayor of Stenby resign?",
        ("the mayor of stenby ingrid voss has resigned after a row over housing.",),
    )
    assert resolve("how many homes did she back?", previous).resolved == (
        "How many homes did the mayor of Stenby back?"
    )
    previous = PreviousTurn(
        "Why did the mayor resign?", ("Mayor Ingrid Voss resigned after a row over housing.",)
    )
    assert resolve("how many homes did she back?", previous).resolved == (
        "How many homes did Ingrid Voss back?"
    )


def test_it_after_a_who_question_answered_by_a_body_is_that_body() -> None:
    previous = PreviousTurn(
        "Who called the ferry strike in Vell?",
        (
            "Ferry crews in Vell walked out on Tuesday.",
            "The strike was called by the Seafarers' Union after talks broke down.",
            "Transport Minister Olaf Brenner called the walkout irresponsible.",
        ),
    )
    assert resolve("who leads it?", previous).resolved == "Who leads the Seafarers' Union?"


@pytest.mark.parametrize(
    ("question", "who_said"),
    [
        ("according to which organisation?", True),
        ("which report says so?", True),
        ("what source said that?", True),
        ("which company makes it?", False),
        ("which report found that?", False),
    ],
)
def test_a_question_for_the_source_of_what_was_said_asks_who_said_it(
    question: str, who_said: bool
) -> None:
    assert asks_who_said_it(question) is who_said


def test_he_after_who_said_that_is_the_speaker_though_an_earlier_question_named_him() -> None:
    previous = PreviousTurn(
        "Who said that? (following: What did Tom Ray warn about the wind farm?)",
        ("Fishermen's spokesman Tom Ray warned that catches could fall by a third.",),
    )
    assert resolve("what does he do?", previous).resolved == "What does Tom Ray do?"


def test_her_after_a_question_about_a_place_s_role_is_that_role() -> None:
    previous = PreviousTurn(
        "Why did the Stenby mayor resign?",
        ("the mayor of stenby ingrid voss has resigned after a row over housing.",),
    )
    assert resolve("who will choose her successor?", previous).resolved == (
        "Who will choose the Stenby mayor's successor?"
    )


FERRIES = PreviousTurn(
    "How many passengers use the Vell ferries every day?",
    ("About 12,000 passengers use the ferries every day, according to the Vell Ferry Company.",),
    passages=("Ferry crews walked out on Tuesday. About 12,000 passengers use the ferries.",),
    cited=("Ferry crews walked out on Tuesday. About 12,000 passengers use the ferries.",),
)


def test_a_role_the_conversation_never_mentioned_changes_the_subject() -> None:
    assert resolve("why did the mayor resign?", FERRIES).resolved == "why did the mayor resign?"
    # Something it did mention, or no role: still about the ferries.
    assert resolve("when did the crews walk out?", FERRIES).resolved == (
        "When did the crews walk out? (following: How many passengers use the Vell ferries "
        "every day?)"
    )
    assert resolve("what was the score?", FERRIES).resolved == (
        "What was the score? (following: How many passengers use the Vell ferries every day?)"
    )


def test_a_place_word_before_a_noun_is_no_place_named_alone() -> None:
    previous = PreviousTurn("When will pupils move to the new school in Kelso?")
    assert resolve("why are the village schools closing?", previous).resolved == (
        "Why are the village schools closing? (following: When will pupils move to the new "
        "school in Kelso?)"
    )
    assert resolve("what is the town's population?", previous).resolved == (
        "What is Kelso's population?"
    )


def test_its_after_a_question_about_a_body_named_by_what_it_is_is_that_body() -> None:
    previous = PreviousTurn("What did the harbour authority say about the offer?")
    assert resolve("who is its chairman?", previous).resolved == (
        "Who is the harbour authority's chairman?"
    )
    # Not a body: asked after the last question as before.
    previous = PreviousTurn("What did the pay offer include?")
    assert resolve("who made it?", previous).resolved == (
        "Who made it? (following: What did the pay offer include?)"
    )


def test_her_name_asks_who_the_one_named_is() -> None:
    previous = PreviousTurn(
        "What did Nordvind's chief executive say?",
        ("Nordvind's chief executive, Ann Lee, said the farm would power 300,000 homes.",),
    )
    assert resolve("what is her name?", previous).resolved == "Who is Ann Lee?"
    assert resolve("what was his full name?", PreviousTurn("What did Tom Ray say?")).resolved == (
        "Who was Tom Ray?"
    )
    # A woman named by her relation to someone: her name is still asked for.
    previous = PreviousTurn("When did Lord Callaghan's wife die?")
    assert resolve("what was her name?", previous).resolved == (
        "What was Lord Callaghan's wife's name?"
    )


def test_when_after_a_question_ending_in_what_it_went_with_drops_that_preposition() -> None:
    previous = PreviousTurn("What will the dock workers vote on?")
    assert resolve("when?", previous).resolved == "When will the dock workers vote?"


def test_it_after_a_question_naming_a_person_and_one_other_name_is_that_other_name() -> None:
    previous = PreviousTurn(
        "When did Ann Lee join Nordvind?", ("Ann Lee joined Nordvind in 2015.",)
    )
    assert resolve("what does it make?", previous).resolved == "What does Nordvind make?"
    previous = PreviousTurn("When did Ann Lee visit Portvale?")
    assert resolve("what is its population?", previous).resolved == (
        "What is Portvale's population?"
    )
    # An object "it" is what was said, not the one it was said to.
    previous = PreviousTurn("What did Ann Lee tell Reuters?")
    assert resolve("when did she say it?", previous).resolved == (
        "When did Ann Lee say it? (following: What did Ann Lee tell Reuters?)"
    )


def test_what_is_it_called_is_never_a_name_the_answer_gave() -> None:
    previous = PreviousTurn(
        "Which company is rolling out an electric SUV?",
        ("Ford is rolling out an all-new electric SUV.",),
    )
    assert resolve("what is it called?", previous).resolved == (
        "What is it called? (following: Which company is rolling out an electric SUV?)"
    )


def test_they_of_a_plural_takes_its_possessive_after_the_s() -> None:
    previous = PreviousTurn("What did the protesters demand?")
    assert resolve("what were their names?", previous).resolved == (
        "What were the protesters' names?"
    )


def test_a_placed_fragment_takes_the_place_of_the_placed_name() -> None:
    previous = PreviousTurn("When will the Celvia plant in Lund open?")
    assert resolve("and in Norway?", previous).resolved == (
        "When will the Celvia plant in Norway open?"
    )


def test_a_fragment_about_a_thing_a_name_qualifies_is_no_name_to_swap() -> None:
    previous = PreviousTurn("Who called the game for CBS?")
    assert resolve("what about the Spanish-language broadcast?", previous).resolved == (
        "What about the Spanish-language broadcast? (following: Who called the game for CBS?)"
    )


def test_it_after_who_is_the_body_named_in_full_not_its_acronym() -> None:
    previous = PreviousTurn(
        "Who is investigating the Harbour Fund?",
        ("The State Audit Office (SAO) is investigating the Harbour Fund, officials said.",),
    )
    assert resolve("who heads it?", previous).resolved == "Who heads the State Audit Office?"


def _two_curators() -> PreviousTurn:
    director = PreviousTurn(
        "Who is the director of the Kelso Harbour Museum?",
        ("Ingrid Halvorsen, the museum's director, said the galleries were new.",),
    )
    return PreviousTurn(
        "Who is the museum's head curator?",
        ("The museum's head curator, Tomas Brekke, chose the 400 objects on show.",),
        before=director,
    )


def test_both_before_a_verb_is_the_two_people_the_last_two_turns_were_about() -> None:
    assert resolve("Where did both study?", _two_curators()).resolved == (
        "Where did Ingrid Halvorsen and Tomas Brekke study?"
    )


def test_both_before_a_noun_is_no_pair_of_people() -> None:
    for question in ("Were both men injured?", "Did both the museums reopen?"):
        assert resolve(question, _two_curators()).resolved == (
            f"{question} (following: Who is the museum's head curator?)"
        )
