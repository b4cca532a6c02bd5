"""Attribution in replies: a reply whose sentence quotes someone it does not name also
brings, verbatim and cited, the sentence naming the speaker, and never a wrong person.

Small articles in general news style (straight and curly quotes, a byline and dateline,
titles before names, quotes split around their attribution, quotes running over several
paragraphs) are indexed once with the real model and asked through the real pipeline.
"""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

STRIKE = """\
Dock Strike Leaves Ships Waiting Off Harbourton

By Maria Lopez and Tom Reed, Reuters
Published: 3 March 2024

Dock workers at the port of Harbourton extended their strike on Sunday, leaving 40 cargo ships \
waiting offshore.

"We will not go back until the contracts are signed," said Elena Vasquez, the head of the \
dockers' union.

"The company has made promises before," Vasquez said. "This time we want them in writing."

The port's chief executive, Daniel Okafor, said the company had offered a 5 percent raise.

"The offer is fair and it is final," he told reporters. "Nobody can say we did not listen to \
Elena Vasquez."

Okafor said the offer would stand until Friday.

Transport Minister Paul Grant said: "The government will not step in while talks continue."

"Every day of this strike costs the region 12 million dollars," he added, "and the farmers feel \
it first."

According to Dr Sarah Kim, an economist at the National Bank, the strike has already delayed \
grain exports by two weeks. The grain terminal was built in 2009 by the engineer Hendrik Vos. \
"The delays will hurt small farmers most," she said.

Ms Vasquez said the union had waited long enough.

"We have asked for a meeting every week since January. Each time the answer was the same.

"Now the members have decided, and I will not ask them to wait again."
"""

FLOOD = """\
Flood Defences Fail in Two Valley Towns

Jane Whitfield, Associated Press
Updated 14 April 2024

Rivers burst their banks in the towns of Millbrook and Ashford on Saturday after three days of \
rain, forcing 600 people from their homes.

“The water came through the doors in minutes,” said Peter Hall, a shopkeeper in Millbrook. “We \
lost everything on the ground floor.”

The regional governor, Anna Berg, visited Ashford on Sunday. She said the flood walls built in \
2015 had been too low. “We were told they would hold for a hundred years,” she told the \
Associated Press. “They did not hold for ten.”

“The bridge is closed. Nobody should try to cross it,” said Tom Price, the mayor of Ashford.

Emergency services said 14 people had been rescued by boat. “Our crews worked through the \
night,” a fire service spokesman said.

Gen. Mark Devlin, who leads the army units sent to help, said soldiers would stay until the \
water fell. “We are not leaving while people need us,” Devlin said.

The mayor said repairs to the bridge would take a year.

“Help will reach every family,” said the housing minister, Laura Chen.
"""

SEASON = """\
Valley Rovers Promoted After Late Winner

Valley Rovers won promotion on Saturday with a 2-1 victory over Eastport, their first promotion \
in eleven years.

Coach Marta Silva said the season had been the hardest of her career.

"We lost four players to injury before Christmas, and for a month we could barely name a full \
bench for the league matches we had to play away from home.

"The young players from the academy stepped in, and every one of them played as if they had been \
in the first team for years, which nobody in the league expected.

"Our supporters kept coming through the rain and the defeats, and they filled the away end in \
Eastport today with more than three thousand people singing.

"I told the squad at half-time that promotion was theirs to take, and the goal from Daniel Reyes \
in the last minute was the reward for that belief."
"""


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the three articles, indexed once for this module."""
    root = tmp_path_factory.mktemp("attribution-news")
    return assistant_over(root, {"strike.txt": STRIKE, "flood.txt": FLOOD, "season.txt": SEASON})


def test_he_told_reporters_brings_the_person_named_in_the_paragraph_before(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the offer is fair and final?")
    assert answer.text == (
        "The port's chief executive, Daniel Okafor, said the company had offered a 5 percent "
        'raise. [1] "The offer is fair and it is final," he told reporters. [1]'
    )


def test_a_name_inside_the_quote_is_not_its_speaker(news: Assistant) -> None:
    answer = asked(news, "Who said nobody can say they did not listen to Elena Vasquez?")
    assert answer.text == (
        "The port's chief executive, Daniel Okafor, said the company had offered a 5 percent "
        'raise. [1] "Nobody can say we did not listen to Elena Vasquez." [1]'
    )


def test_a_quote_split_around_he_added_brings_the_minister_named_before(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said every day of the strike costs the region 12 million dollars?")
    assert answer.text == (
        'Transport Minister Paul Grant said: "The government will not step in while talks '
        'continue." [1] "Every day of this strike costs the region 12 million dollars," he '
        'added, "and the farmers feel it first." [1]'
    )


def test_she_said_skips_a_person_only_mentioned_in_a_sentence_between(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the delays will hurt small farmers most?")
    assert answer.text.startswith(
        "According to Dr Sarah Kim, an economist at the National Bank, the strike has already "
        'delayed grain exports by two weeks. [1] "The delays will hurt small farmers most," '
        "she said. [1]"
    )
    assert "Hendrik Vos" not in answer.text


def test_she_told_an_agency_brings_the_subject_named_earlier_not_the_last_speaker(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the flood walls would hold for a hundred years?")
    assert answer.text == (
        "The regional governor, Anna Berg, visited Ashford on Sunday. [1] She said the flood "
        "walls built in 2015 had been too low. [1] “We were told they would hold for a "
        "hundred years,” she told the Associated Press. [1] “They did not hold for ten.” [1]"
    )


def test_the_first_sentence_of_a_quote_brings_the_name_where_the_quote_closes(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the bridge is closed?")
    assert answer.text.startswith(
        "“The bridge is closed. [1] Nobody should try to cross it,” said Tom Price, the mayor "
        "of Ashford. [1]"
    )


def test_the_mayor_said_brings_the_person_named_as_mayor_not_the_last_speaker(
    news: Assistant,
) -> None:
    answer = asked(news, "What did the mayor say about repairs to the bridge?")
    assert answer.text.endswith(
        "Nobody should try to cross it,” said Tom Price, the mayor of Ashford. [1] The mayor "
        "said repairs to the bridge would take a year. [1]"
    )
    assert "Devlin" not in answer.text


def test_a_quote_running_over_paragraphs_brings_the_speaker_named_before_it(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the late goal was the reward for belief?", k=1)
    assert answer.text == (
        "Coach Marta Silva said the season had been the hardest of her career. [1] "
        '"I told the squad at half-time that promotion was theirs to take, and the goal '
        'from Daniel Reyes in the last minute was the reward for that belief." [1]'
    )


def test_a_speaker_sentence_outside_the_passage_extends_the_passage_it_explains(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said the late goal was the reward for belief?", k=1)
    (passage,) = answer.passages
    assert passage.quote.startswith("Coach Marta Silva said the season had been the hardest")
    assert passage.quote.endswith('was the reward for that belief."')
    raw = (news.settings.corpus_dir / "season.txt").read_text(encoding="utf-8")
    assert passage.line == raw.count("\n", 0, raw.index("Coach Marta Silva")) + 1
    assert [c.marker for c in answer.citations] == [1]


@pytest.mark.parametrize(
    ("question", "reply", "cited_line"),
    [
        (
            "Who wrote the article about the dock strike?",
            "“Dock Strike Leaves Ships Waiting Off Harbourton” was written by Maria Lopez and "
            "Tom Reed. [1]",
            "By Maria Lopez and Tom Reed, Reuters",
        ),
        (
            "Which outlet published the article about the dock strike?",
            "“Dock Strike Leaves Ships Waiting Off Harbourton” was published by Reuters. [1]",
            "By Maria Lopez and Tom Reed, Reuters",
        ),
        (
            "When was the article about the dock strike published?",
            "“Dock Strike Leaves Ships Waiting Off Harbourton” was published on 3 March 2024. [1]",
            "Published: 3 March 2024",
        ),
        (
            "Who wrote the article about the flood defences?",
            "“Flood Defences Fail in Two Valley Towns” was written by Jane Whitfield. [1]",
            "Jane Whitfield, Associated Press",
        ),
        (
            "Which outlet published the article about the flood defences?",
            "“Flood Defences Fail in Two Valley Towns” was published by Associated Press. [1]",
            "Jane Whitfield, Associated Press",
        ),
        (
            "When was the article about the flood defences published?",
            "“Flood Defences Fail in Two Valley Towns” doesn't state when it was published; it "
            "was updated on 14 April 2024. [1]",
            "Updated 14 April 2024",
        ),
    ],
)
def test_a_metadata_question_is_answered_from_the_byline_or_dateline_it_cites(
    news: Assistant, question: str, reply: str, cited_line: str
) -> None:
    answer = asked(news, question)
    assert answer.text == reply
    (cited,) = answer.citations
    assert cited.quote == cited_line
    raw = (news.settings.corpus_dir / cited.path).read_text(encoding="utf-8")
    assert cited.line == raw.count("\n", 0, raw.index(cited_line)) + 1


def test_who_said_leads_with_the_quote_that_names_its_speaker(news: Assistant) -> None:
    answer = asked(news, "Who said the water came through the doors in minutes?")
    assert answer.text == (
        "“The water came through the doors in minutes,” said Peter Hall, a shopkeeper in "
        "Millbrook. [1] Rivers burst their banks in the towns of Millbrook and Ashford on "
        "Saturday after three days of rain, forcing 600 people from their homes. [1]"
    )


def test_who_said_keeps_a_quote_that_opens_before_its_speaker_in_order(
    news: Assistant,
) -> None:
    answer = asked(news, "Who said nobody should try to cross the bridge?")
    assert answer.text.startswith(
        "“The bridge is closed. [1] Nobody should try to cross it,” said Tom Price, the mayor "
        "of Ashford. [1]"
    )
