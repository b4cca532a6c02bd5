"""A reply stating only the neighbouring relation of the one asked does not answer it: "born"
for "When did … die?", "bought" for "What did … sell?", "gained" for "lost"."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.records import Constraint
from qa.search.answerability import Assessment, check_reply, reply_opposes
from qa.search.assistant import Assistant

MET = Assessment((), (1,), 1, (), 0.8)


@pytest.mark.parametrize(
    ("question", "said", "word"),
    [
        ("When did Carl Berg die?", "Carl Berg was born in Halden in 1820.", "die"),
        ("When was Carl Berg born?", "Carl Berg died in Halden in 1890.", "born"),
        (
            "What did Kelso Lines sell in 2023?",
            "Kelso Lines bought two ferries in 2023 to replace its fleet.",
            "sell",
        ),
        (
            "How many customers has Kelso Lines lost?",
            "The company gained 4,000 new customers after it cut fares.",
            "lost",
        ),
        ("How much did fares fall in January?", "Fares rose by 12 percent in January.", "fall"),
        (
            "How much profit did Dalby Orchards make last year?",
            "Dalby Orchards made a loss of £300,000 last year.",
            "profit",
        ),
        ("Where does the farm import its cider from?", "The farm exports its cider.", "import"),
    ],
)
def test_a_reply_stating_only_the_neighbouring_relation_says_so(
    question: str, said: str, word: str
) -> None:
    assert reply_opposes(question, [said]) == Constraint("term", word, (word.lower(),))
    checked = check_reply(question, [said], MET, 1)
    assert checked.reply(said, 1) == (
        f"The indexed articles don't say this for “{word}”. Closest: {said} [1]"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # The asked verb in another form says it.
        (
            "How many games did the Panthers lose?",
            "Losing Benjamin early, the Panthers won 15 games.",
        ),
        ("When was Carl Berg born?", "Carl Berg, born in 1820, died in 1890."),
        # A transfer told from its other side: the seller is the one it was bought from.
        ("Who sold the old pier?", "A hotel group bought the old pier from the council."),
        ("Who bought the old pier?", "The council sold the old pier to a hotel group."),
        ("Who bought the shares?", "The council sold its shares to investors."),
        # The question names both sides.
        ("Did fares rise or fall in January?", "Fares rose by 12 percent in January."),
        # A season is no fall, an open secret nothing opened, nor a name a relation.
        ("How much did fares rise in the fall?", "Fares rose by 12 percent in the fall."),
        ("How many agencies did the police close?", "Fake agencies are an open secret."),
        ("Who paid for the Rose Theatre?", "The Fell family paid for the Rose Theatre."),
    ],
)
def test_a_reply_stating_the_asked_relation_or_its_other_side_stands(
    question: str, said: str
) -> None:
    assert reply_opposes(question, [said]) is None


@pytest.fixture(scope="module")
def painter_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """Two news articles: a painter's birth, and a ferry company's purchases."""
    return assistant_over(
        tmp_path_factory.mktemp("relations"),
        {
            "painter.txt": (
                "Halden remembers its painter\n\n"
                "The landscape painter Carl Berg was born in Halden in 1820, the son of a "
                "ferryman.\n\n"
                "He trained in Copenhagen and returned to paint the fjord for thirty years.\n"
            ),
            "ferries.txt": (
                "Kelso Lines buys two ferries\n\n"
                "Kelso Lines bought two ferries in 2023 to replace its ageing fleet on the "
                "Skerry route.\n\n"
                "The harbour council later sold the old pier to a hotel group from Oslo.\n"
            ),
        },
    )


def test_questions_asking_the_neighbouring_relation_of_an_article_are_not_answered_from_it(
    painter_assistant: Assistant,
) -> None:
    died = asked(painter_assistant, "When did the painter Carl Berg die?")
    assert died.text == (
        "The indexed articles don't say this for “die”. Closest: The landscape painter Carl "
        "Berg was born in Halden in 1820, the son of a ferryman. [1]"
    )
    assert died.to_json()["missing"] == [{"kind": "term", "text": "die"}]
    born = asked(painter_assistant, "When was the painter Carl Berg born?")
    assert not born.abstained
    assert born.text.startswith("The landscape painter Carl Berg was born in Halden in 1820")
    bought = asked(painter_assistant, "Who bought the old pier from the harbour council?")
    assert not bought.abstained
    assert bought.text.startswith("The harbour council later sold the old pier to a hotel group")
