"""Who said it and who published it, on wire copy with names from everywhere.

Articles in wire house styles (a byline set apart by bars, a dateline "ODESA, Ukraine
(Reuters) -" opening the text; no byline and "GENEVA, March 3, 2024 (AFP) -") with
speakers whose names use other alphabets' capitals or particles, and two naming holders
of titles ("President Sadyr Japarov", "Uzbekistan's president, Shavkat Mirziyoyev"),
indexed once with the real model and asked through the real pipeline, checking the exact
reply and what it cites.
"""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant

pytestmark = pytest.mark.slow

GRAIN = """\
Grain Ships Leave Odesa Again After Two-Week Pause

Olena Kovalenko | Reuters | March 3, 2024

ODESA, Ukraine (Reuters) - Ukraine resumed grain exports through the port of Odesa on \
Sunday after a two-week pause, sending four ships towards the Bosphorus.

Recep Tayyip Erdoğan, the Turkish president, said Ankara would keep the sea corridor open. \
"We will not let the grain stop again, whatever the threats," he told reporters in Istanbul.

Ursula von der Leyen welcomed the news in Brussels. "This is good news for the poorest \
countries of the world, which need the wheat most," she said.

Oleksandr Kubrakov said the port could handle 30 ships a week by the summer.

"The insurers are coming back," he added.
"""

FISHING = """\
Talks on Lake Fishing Rights Collapse

GENEVA, March 3, 2024 (AFP) - Talks between the two lakeside states on fishing rights \
collapsed on Tuesday after the negotiators failed to agree on yearly quotas for perch.

Zoë Lefèvre-Dubois, who led the mediation, said the two delegations had been close to a \
deal on Monday night.

"Everyone in the room knew the fish would not wait for the politicians," said \
Łukasz Wiśniewski, the head of the fishermen's association.
"""

CABINET = """\
Kyrgyz Parliament Approves New Cabinet

The Kyrgyz parliament approved a new cabinet on Wednesday after weeks of protests in Bishkek.

President Sadyr Japarov signed the decree within hours, his office said.

The new prime minister, Akylbek Japarov, is no relation of the president, officials said.

The opposition said the vote had been rushed and that many members had not read the programme.
"""

TOURISM = """\
Uzbekistan Opens Its Borders to Tourists

Tashkent is expecting a record number of visitors this year after Uzbekistan dropped visa rules \
for citizens of 86 countries.

The reforms began in 2017, a year after the death of Islam Karimov, who had ruled the country \
since independence.

Uzbekistan's president, Shavkat Mirziyoyev, said on Monday that tourism could bring in two \
billion dollars a year by 2025.
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over the two articles, indexed once for this module."""
    root = tmp_path_factory.mktemp("attribution-world")
    articles = {"grain.txt": GRAIN, "fishing.txt": FISHING, "cabinet.txt": CABINET}
    return assistant_over(root, {**articles, "tourism.txt": TOURISM})


@pytest.mark.parametrize(
    ("question", "first"),
    [
        pytest.param(
            "Who said the grain would not stop again?",
            "Recep Tayyip Erdoğan, the Turkish president, said Ankara would keep the sea "
            'corridor open. [1] "We will not let the grain stop again, whatever the threats," '
            "he told reporters in Istanbul. [1]",
            id="he told reporters: a name with Turkish letters",
        ),
        pytest.param(
            "Who said it was good news for the poorest countries?",
            "Ursula von der Leyen welcomed the news in Brussels. [1] "
            '"This is good news for the poorest countries of the world, which need the wheat '
            'most," she said. [1]',
            id="she said: a name with particles",
        ),
        pytest.param(
            "Who said the fish would not wait for the politicians?",
            '"Everyone in the room knew the fish would not wait for the politicians," said '
            "Łukasz Wiśniewski, the head of the fishermen's association. [1]",
            id="a quote naming its speaker in Polish letters needs no other sentence",
        ),
        pytest.param(
            "Who said the insurers are coming back?",
            "Oleksandr Kubrakov said the port could handle 30 ships a week by the summer. [1] "
            '"The insurers are coming back," he added. [1]',
            id="a short closing quote is indexed and brings its speaker",
        ),
    ],
)
def test_who_said_brings_speakers_named_in_other_alphabets_or_with_particles(
    world: Assistant, question: str, first: str
) -> None:
    assert asked(world, question).text.startswith(first)


@pytest.mark.parametrize(
    ("question", "reply", "cited"),
    [
        (
            "Who wrote the article about grain ships leaving Odesa?",
            "“Grain Ships Leave Odesa Again After Two-Week Pause” was written by Olena "
            "Kovalenko. [1]",
            "Olena Kovalenko | Reuters | March 3, 2024",
        ),
        (
            "Which outlet published the article about grain ships leaving Odesa?",
            "“Grain Ships Leave Odesa Again After Two-Week Pause” was published by Reuters. [1]",
            "Olena Kovalenko | Reuters | March 3, 2024",
        ),
        (
            "When was the article about grain ships leaving Odesa published?",
            "“Grain Ships Leave Odesa Again After Two-Week Pause” was published on March 3, "
            "2024. [1]",
            "Olena Kovalenko | Reuters | March 3, 2024",
        ),
        (
            "Which agency published the article about the lake fishing rights talks?",
            "“Talks on Lake Fishing Rights Collapse” was published by AFP. [1]",
            "GENEVA, March 3, 2024 (AFP)",
        ),
        (
            "When was the article about the lake fishing rights talks published?",
            "“Talks on Lake Fishing Rights Collapse” was published on March 3, 2024. [1]",
            "GENEVA, March 3, 2024 (AFP)",
        ),
        (
            "Who wrote the article about the lake fishing rights talks?",
            "“Talks on Lake Fishing Rights Collapse” doesn't state its author. [1]",
            "Talks on Lake Fishing Rights Collapse",
        ),
    ],
)
def test_metadata_questions_on_wire_copy_cite_the_byline_or_the_wire_dateline(
    world: Assistant, question: str, reply: str, cited: str
) -> None:
    answer = asked(world, question)
    assert answer.text == reply
    (citation,) = answer.citations
    assert citation.quote == cited


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "Who is the president of Uzbekistan?",
            "Uzbekistan's president, Shavkat Mirziyoyev, said on Monday that tourism could "
            "bring in two billion dollars a year by 2025. [1] ",
        ),
        (
            "Who is the Kyrgyz prime minister?",
            "The new prime minister, Akylbek Japarov, is no relation of the president, "
            "officials said. [1] ",
        ),
        # the leader of a body is whoever the article says heads it, whatever its title
        (
            "Who is the leader of the fishermen's association?",
            '"Everyone in the room knew the fish would not wait for the politicians," said '
            "Łukasz Wiśniewski, the head of the fishermen's association. [1] ",
        ),
        # "Who leads/runs/heads X?" asks for X's head, whatever X calls it
        (
            "Who leads Uzbekistan?",
            "Uzbekistan's president, Shavkat Mirziyoyev, said on Monday that tourism could "
            "bring in two billion dollars a year by 2025. [1] ",
        ),
        (
            "Who runs Kyrgyzstan?",
            "President Sadyr Japarov signed the decree within hours, his office said. [2] ",
        ),
        # the place asked by its country's name, the article naming it by its demonym
        (
            "Who is the president of Kyrgyzstan?",
            "President Sadyr Japarov signed the decree within hours, his office said. [2] ",
        ),
        (
            "Who was the president when the Kyrgyz cabinet was approved?",
            "President Sadyr Japarov signed the decree within hours, his office said. [1] ",
        ),
    ],
)
def test_who_holds_a_title_leads_with_the_sentence_naming_the_holder_beside_it(
    world: Assistant, question: str, first: str
) -> None:
    answer = asked(world, question)
    assert answer.text.startswith(first)


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        (
            "What did Ursula von der Leyen say?",
            'Ursula von der Leyen welcomed the news in Brussels. [1] "This is good news for '
            'the poorest countries of the world, which need the wheat most," she said. [1]',
        ),
        (
            "What did Kubrakov say about the port?",
            "Oleksandr Kubrakov said the port could handle 30 ships a week by the summer. [1] "
            '"The insurers are coming back," he added. [1]',
        ),
        # The next sentence is another person's quote, naming its own speaker: nothing joins.
        (
            "What did Lefèvre-Dubois say?",
            "Zoë Lefèvre-Dubois, who led the mediation, said the two delegations had been "
            "close to a deal on Monday night. [1]",
        ),
    ],
)
def test_what_did_a_person_say_brings_the_quote_following_the_sentence_naming_them(
    world: Assistant, question: str, reply: str
) -> None:
    assert asked(world, question).text == reply
