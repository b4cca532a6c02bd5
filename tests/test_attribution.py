"""Attribution: a sentence that speaks for someone it does not name brings the sentence
naming the speaker; one that names its source brings nothing. Small articles written in
tmp_path cover the patterns news uses (the bundled corpus's own case is in test_answers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from written_articles import ingested_story

from qa.records import Article, Span
from qa.search.attribution import (
    asked_holder,
    holder_search_text,
    names_holder,
    needs_speaker,
    speaker_for,
)
from qa.search.person_titles import FEMALE_TITLES, MALE_TITLES

ARTICLE = """\
Water Talks Stall in the Region

Farmers in the valley have waited three years for the new canal.

Jane Doe, the deputy minister of agriculture, said the canal would open next spring. \
The budget was approved by the Ministry of Finance in March.

“We have the money and we have the engineers,” she said. “What we lack is time. \
Every season we lose is a season of harvests.”

According to the ministry, 40 kilometres of the canal are finished. \
“The rest will follow,” the ministry said in a statement.

Aidos Bekov, a farmer near the river, was less hopeful. \
“Promises are cheap,” Bekov said. He added that his fields had been dry since 2019.

“Nobody listens to us,” said Aidos Bekov, who owns 12 hectares. \
The farmer warned that the river was shrinking. \
They warned that the drought would return.
"""


#: A feed that lost its capitals and quotation marks: quotes are known by their first person.
LOWER_CASE_ARTICLE = """\
moya seals the cup for spain

spain won the cup for the second time in five years on sunday.

this has been incredible - the moment i ve been waiting for for years said moya who \
missed out in 2000 through injury. the cup is my dream. i can t ask for more.

the coach was pleased with the team. byrne said: we just had to stick to our pattern.
"""


@pytest.fixture
def article(tmp_path: Path) -> tuple[str, Article]:
    return ingested_story(tmp_path, ARTICLE)


@pytest.fixture
def lower_case_article(tmp_path: Path) -> tuple[str, Article]:
    return ingested_story(tmp_path, LOWER_CASE_ARTICLE)


def speaker_of(article: tuple[str, Article], sentence: str) -> str | None:
    raw, parsed = article
    start = raw.index(sentence)
    end = start + len(sentence)
    for paragraph in parsed.paragraphs:
        if paragraph.start <= start < paragraph.end:
            break
    else:
        raise AssertionError(f"not in the article's text: {sentence}")
    found = speaker_for(raw, parsed, Span(start, end))
    return None if found is None else " ".join(raw[found.start : found.end].split())


DOE = "Jane Doe, the deputy minister of agriculture, said the canal would open next spring."


def test_a_quote_with_she_said_brings_the_name_two_sentences_back(
    article: tuple[str, Article],
) -> None:
    assert speaker_of(article, "“We have the money and we have the engineers,” she said.") == DOE


def test_the_middle_of_a_multi_sentence_quote_brings_the_speaker(
    article: tuple[str, Article],
) -> None:
    assert speaker_of(article, "What we lack is time.") == DOE
    assert speaker_of(article, "Every season we lose is a season of harvests.”") == DOE


def test_he_added_brings_the_sentence_naming_him(article: tuple[str, Article]) -> None:
    assert (
        speaker_of(article, "He added that his fields had been dry since 2019.")
        == "“Promises are cheap,” Bekov said."
    )


def test_a_surname_beside_said_names_the_speaker(article: tuple[str, Article]) -> None:
    assert speaker_of(article, "“Promises are cheap,” Bekov said.") is None


def test_a_named_speaker_after_the_quote_needs_nothing(article: tuple[str, Article]) -> None:
    assert (
        speaker_of(article, "“Nobody listens to us,” said Aidos Bekov, who owns 12 hectares.")
        is None
    )


def test_a_source_named_by_according_to_or_as_subject_needs_nothing(
    article: tuple[str, Article],
) -> None:
    assert (
        speaker_of(article, "According to the ministry, 40 kilometres of the canal are finished.")
        is None
    )
    assert speaker_of(article, "“The rest will follow,” the ministry said in a statement.") is None


def test_a_speaker_named_by_role_brings_the_nearest_person_of_that_role(
    article: tuple[str, Article],
) -> None:
    assert (
        speaker_of(article, "The farmer warned that the river was shrinking.")
        == "Aidos Bekov, a farmer near the river, was less hopeful."
    )


def test_they_stands_for_no_one_person_and_brings_nobody(article: tuple[str, Article]) -> None:
    assert speaker_of(article, "They warned that the drought would return.") is None


#: An epigraph signed on a line of its own, then a story whose subject is named by surname.
SIGNED_EPIGRAPH = """\
Harbour Firm Wins a Contract

“Nobody sails past us without a word.”

— Tom Vale, Portsmouth, May 2, 2019

As the co-founder of a small security firm called Sea Guard, Ed Rusk spent years on minor \
jobs. A former navy diver, Rusk yearned to be the next Erik Prince, the founder who turned \
his guards into an army for hire. By 2016, he had won one large contract, to guard the port.

The port of Dover handles more ferries than any other. By 2018, he had won a second one there.
"""


def test_he_stands_for_the_surname_a_sentence_names_before_a_full_name(tmp_path: Path) -> None:
    assert speaker_of(
        ingested_story(tmp_path, SIGNED_EPIGRAPH),
        "By 2016, he had won one large contract, to guard the port.",
    ) == (
        "A former navy diver, Rusk yearned to be the next Erik Prince, the founder who turned "
        "his guards into an army for hire."
    )


def test_a_signature_line_never_says_whom_he_stands_for(tmp_path: Path) -> None:
    signed = SIGNED_EPIGRAPH.replace(SIGNED_EPIGRAPH.split("\n\n")[3] + "\n\n", "")
    sentence = "By 2018, he had won a second one there."
    assert speaker_of(ingested_story(tmp_path, signed), sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Farmers in the valley have waited three years for the new canal.",
        "The government believes the canal will pay for itself.",
        "Officials said the canal was late.",
        "They asked to leave after two years.",
    ],
)
def test_a_plain_statement_needs_no_speaker(sentence: str) -> None:
    assert not needs_speaker(sentence)


def test_a_first_person_sentence_brings_the_sentence_naming_its_speaker(
    lower_case_article: tuple[str, Article],
) -> None:
    moya = (
        "this has been incredible - the moment i ve been waiting for for years said moya who "
        "missed out in 2000 through injury."
    )
    assert speaker_of(lower_case_article, "the cup is my dream.") == moya
    assert speaker_of(lower_case_article, "i can t ask for more.") == moya


def test_a_speaker_beside_said_in_lower_case_needs_nothing(
    lower_case_article: tuple[str, Article],
) -> None:
    byrne = "byrne said: we just had to stick to our pattern."
    assert speaker_of(lower_case_article, byrne) is None
    assert speaker_of(lower_case_article, "the coach was pleased with the team.") is None


@pytest.mark.parametrize(
    ("sentence", "speaks_for_someone"),
    [
        ("I can't ask for more.", True),
        ("Now I know what we lost.", True),
        ("We just had to stick to our defensive pattern.", True),
        ("World War I ended in 1918.", False),
        ("Queen Elizabeth I ruled England.", False),
        ("The ME region grew by 4%.", False),
    ],
)
def test_a_first_person_sentence_speaks_for_someone_but_a_numeral_i_does_not(
    sentence: str, speaks_for_someone: bool
) -> None:
    assert needs_speaker(sentence) is speaks_for_someone


@pytest.mark.parametrize(
    ("sentence", "speaks_for_someone"),
    [
        ("“Our crews worked through the night,” a fire service spokesman said.", False),
        ("“Help will reach every family,” said the housing minister, Laura Chen.", False),
        ('Transport Minister Paul Grant said: "The talks will go on."', False),
        ("According to Dr Sarah Kim, the strike has delayed grain exports.", False),
        ("“The delays will hurt,” she told Reuters.", True),
        ("The mayor said repairs to the bridge would take a year.", True),
        ('"Nobody can say we did not listen to Elena Vasquez."', True),
        ('"The offer is fair," he said, "and it is final."', True),
        ("The term “southern California” usually refers to ten counties.", False),
        ("She sang on the band's single “Hymn for the Weekend” in 2016.", True),
        ("The band's single “Hymn for the Weekend” sold a million copies.", False),
    ],
)
def test_who_speaks_is_read_from_the_words_outside_the_quotation(
    sentence: str, speaks_for_someone: bool
) -> None:
    assert needs_speaker(sentence) is speaks_for_someone


APPOSITION_ARTICLE = """\
Union Ready for Talks

Jane Okoro, the head of the nurses' union, met ministers on Monday.

Okoro, who has led the union since 2019, said: “We are ready to talk, but not to wait.”

Okoro, 52, said the talks would start on Friday. “Our members have waited long enough.”
"""


def test_a_known_surname_before_an_aside_and_said_names_the_speaker(tmp_path: Path) -> None:
    article = ingested_story(tmp_path, APPOSITION_ARTICLE)
    said = "Okoro, who has led the union since 2019, said: “We are ready to talk, but not to wait.”"
    assert speaker_of(article, said) is None
    assert (
        speaker_of(article, "“Our members have waited long enough.”")
        == "Okoro, 52, said the talks would start on Friday."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will not give up the bank,” said Ólafur Ragnar Grímsson.",
        "“The show goes on without me,” Zoë Ball said.",
        "“The strike is over for now,” said Łukasz Nowak, the mayor.",
        "“The plan is sound and fair,” said José Álvarez.",
        "“The army will stay in the south,” said İlker Başbuğ.",
        "“We will win this war,” said Владимир Путин.",
        "“The bloc will act this week,” said Ursula von der Leyen.",
        "“We will invest in the port,” said Mohammed bin Salman.",
        "“France cannot be France without greatness,” Charles de Gaulle said.",
        "“We will never leave Damascus,” said Bashar al-Assad.",
        "“The vote was very close,” said Conor O'Brien.",
        "“We will run in every seat,” said Mary Lou McDonald.",
        "“The school will close in June,” said Anne-Marie Smith-Jones.",
        "“We will not back down,” said Erdoğan.",
        "“The bank stays Icelandic,” Grímsson said.",
    ],
)
def test_a_quote_naming_its_speaker_in_any_alphabet_or_with_particles_needs_nothing(
    sentence: str,
) -> None:
    assert needs_speaker(sentence) is False


INTERNATIONAL_ARTICLE = """\
Summit Ends Without a Deal

Recep Tayyip Erdoğan arrived in Brussels on Monday for talks on migration.

“We have kept our promises,” he told reporters. “Now it is Europe's turn.”

Ursula von der Leyen met him at the airport and said the talks would be hard.

“We will not sign a bad deal,” she said.

Mr O'Sullivan, an Irish diplomat, and Ms Łukasiewicz, his Polish counterpart, wrote the \
draft. Ms Łukasiewicz said the text was nearly ready.

“Two articles are still open,” she said.

Erdoğan said Turkey would return to the talks in May.

“We are patient, and we will be back at the table,” he added.
"""


def test_he_and_she_bring_speakers_named_in_other_alphabets_and_with_particles(
    tmp_path: Path,
) -> None:
    article = ingested_story(tmp_path, INTERNATIONAL_ARTICLE)
    assert (
        speaker_of(article, "“We have kept our promises,” he told reporters.")
        == "Recep Tayyip Erdoğan arrived in Brussels on Monday for talks on migration."
    )
    assert (
        speaker_of(article, "“We will not sign a bad deal,” she said.")
        == "Ursula von der Leyen met him at the airport and said the talks would be hard."
    )
    assert (
        speaker_of(article, "“Two articles are still open,” she said.")
        == "Ms Łukasiewicz said the text was nearly ready."
    )
    assert (
        speaker_of(article, "“We are patient, and we will be back at the table,” he added.")
        == "Erdoğan said Turkey would return to the talks in May."
    )


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        (
            "Who is the president of Uzbekistan?",
            "President Shavkat Mirziyoyev met Uzbek farmers.",
            True,
        ),
        (
            "Who is the president of Uzbekistan?",
            "Shavkat Mirziyoyev, the president of Uzbekistan, met farmers.",
            True,
        ),
        (
            "Who was Kyrgyzstan's prime minister?",
            "Kyrgyzstan's prime minister, Akylbek Japarov, resigned.",
            True,
        ),
        # the head, leader or chief of a body is whoever it has at its head
        (
            "Who is the head of the Lakeside Rescue Trust?",
            "“We cannot wait,” said Mara Quist, Lakeside Rescue Trust’s chairwoman.",
            True,
        ),
        (
            "Who is the leader of the Lakeside Rescue Trust?",
            "Lakeside Rescue Trust president Mara Quist opened the shelter.",
            True,
        ),
        (
            "Who heads the Lakeside Rescue Trust?",
            "“We cannot wait,” said Mara Quist, Lakeside Rescue Trust’s chairwoman.",
            True,
        ),
        # a head coach is a coach, not the club's head
        (
            "Who is the head coach of the Harbour Hawks?",
            "Harbour Hawks head coach Jan Berg praised the defence.",
            True,
        ),
        (
            "Who is the head coach of the Harbour Hawks?",
            "Harbour Hawks president Ola Lund praised the defence.",
            False,
        ),
        # the body named before the role, in several words
        (
            "Who is Lakeside Rescue Trust's chairwoman?",
            "“We cannot wait,” said Mara Quist, Lakeside Rescue Trust’s chairwoman.",
            True,
        ),
        # a deputy is not the holder
        (
            "Who is the head of the Lakeside Rescue Trust?",
            "Tom Ekberg, Lakeside Rescue Trust’s vice president, opened the shelter.",
            False,
        ),
        (
            "Who is the president of Uzbekistan?",
            "Dilnoza Karimova, the vice-president of Uzbekistan, met farmers.",
            False,
        ),
        # another country's president, a title with nobody named, another title
        ("Who is the president of Uzbekistan?", "President Sadyr Japarov met farmers.", False),
        ("Who is the president of Uzbekistan?", "The president of Uzbekistan met farmers.", False),
        (
            "Who is the Kyrgyz prime minister?",
            "Kyrgyz President Sadyr Japarov named a cabinet.",
            False,
        ),
    ],
)
def test_a_sentence_names_a_titles_holder_beside_the_title_for_the_place_asked(
    question: str, sentence: str, holds: bool
) -> None:
    asked = asked_holder(question)
    assert asked is not None
    assert names_holder(sentence, asked) is holds


def test_a_question_for_a_bodys_head_is_searched_by_the_titles_of_heads_too() -> None:
    assert holder_search_text("Who heads the Lakeside Rescue Trust?") == (
        "Who heads the Lakeside Rescue Trust? boss chair chairman chairperson chairwoman chief "
        "director leader president"
    )
    for question in (
        "Who is the president of Uzbekistan?",
        "Who is the head coach of the Harbour Hawks?",
        "Who led the Hawks in rushing?",
        "Who directed Wild Rose?",
    ):
        assert holder_search_text(question) == question


def test_who_said_and_who_did_questions_ask_for_no_titles_holder() -> None:
    assert asked_holder("Who said the president was ill?") is None
    assert asked_holder("Who signed the decree?") is None


#: A feed without capitals or quotation marks, where a quote runs on after "… he said.".
LOWER_CASE_RUN_ON = """\
campbell demands full disclosure

lib dem spokesman sir menzies campbell said the statement did not clear up the issues.

if the advice was clear, why was it changed in ten days he said.

only the fullest disclosure will now do.

the attorney general denied the claim on monday.
"""


def test_in_lower_case_a_sentence_after_one_ending_he_said_goes_on_with_that_quote(
    tmp_path: Path,
) -> None:
    article = ingested_story(tmp_path, LOWER_CASE_RUN_ON)
    campbell = (
        "lib dem spokesman sir menzies campbell said the statement did not clear up the issues."
    )
    assert speaker_of(article, "only the fullest disclosure will now do.") == campbell
    assert speaker_of(article, "the attorney general denied the claim on monday.") is None


TITLES_ARTICLE = """\
Envoys Meet in Kabul

John Hill, the envoy, arrived in Kabul on Monday for two days of talks on the border.

Baroness Amos met him at the airport with the new ambassador.

“We have much to do before the winter comes,” he said.
"""


def test_a_title_of_the_shared_list_says_a_baroness_is_no_he(tmp_path: Path) -> None:
    article = ingested_story(tmp_path, TITLES_ARTICLE)
    assert (
        speaker_of(article, "“We have much to do before the winter comes,” he said.")
        == "John Hill, the envoy, arrived in Kabul on Monday for two days of talks on the border."
    )


def test_the_shared_titles_tell_men_from_women() -> None:
    assert {"mr", "lord", "duke", "count", "herr"} <= MALE_TITLES
    assert {"ms", "mrs", "baroness", "duchess", "mme", "frau"} <= FEMALE_TITLES
    assert not MALE_TITLES & FEMALE_TITLES


SURNAME_SUBJECT_ARTICLE = """\
Barrister Takes the State's Hardest Cases

Nadia Fenwick is the state's chief barrister and argues its most important cases in the high \
court.

President Omar Reyes appointed Justice Karl Obi to the high court in 2006.

Fenwick, who grew up in Dunmore, studied law in Leeds and then in Edinburgh. As a student she \
won a national debating prize in 2004. She said she spent the prize money on law books.
"""


def test_she_goes_back_to_a_known_surname_opening_a_sentence_not_to_a_name_before_it(
    tmp_path: Path,
) -> None:
    article = ingested_story(tmp_path, SURNAME_SUBJECT_ARTICLE)
    assert speaker_of(article, "She said she spent the prize money on law books.") == (
        "Fenwick, who grew up in Dunmore, studied law in Leeds and then in Edinburgh."
    )


KNOWN_SURNAME_ARTICLE = """\
Checkpoint Delays Grow in the Old Town

Samir Haddad runs a bakery beside the checkpoint at the end of his street.

A researcher, Lena Moreau, says the cameras at the gate record every face that passes.

When he was 19, Haddad was detained for a night and later released without charge. He says \
the record is still shown to the soldiers every time he crosses.
"""


def test_he_goes_back_to_a_known_surname_standing_as_a_subject_inside_a_sentence(
    tmp_path: Path,
) -> None:
    article = ingested_story(tmp_path, KNOWN_SURNAME_ARTICLE)
    said = "He says the record is still shown to the soldiers every time he crosses."
    assert speaker_of(article, said) == (
        "When he was 19, Haddad was detained for a night and later released without charge."
    )
