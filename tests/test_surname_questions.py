"""Questions naming a person by surname alone, as readers do once an article has named them
in full: a date or figure the reply gives only for another person is no answer for them,
and a sentence saying "she" of the person named just before is theirs. Written for these
tests."""

from __future__ import annotations

import pytest
from written_articles import asked, assistant_over

from qa.search.assistant import Assistant
from qa.search.name_kinds import Vocabulary, entity_spans

STORY = (
    "Warm currents found behind the bleaching of the Kelso reef\n\n"
    "When the marine biologist Ana Torvik at the University of Kelso dived on the northern "
    "reef, she thought she was seeing things. Whole fields of coral had turned white.\n\n"
    "The surveys were careful, thorough work, says Jo Mertens, an ecologist at the Harbour "
    "Institute. But in her view, counting dead coral rather than measuring the water "
    "entrenched the idea that the reef was dying of disease. She herself reported the first "
    "bleached coral near the harbour mouth in 2015.\n\n"
    "Then in 2018, the laboratory of Peter Lund, who was then at the Kelso Marine Station, "
    "reported that warm currents from the south bleached the reef each summer. Moreover, his "
    "team showed that the currents had grown warmer every year since 2010.\n"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return assistant_over(tmp_path_factory.mktemp("surnames"), {"reef.txt": STORY})


def test_a_date_given_only_for_another_person_is_not_given_for_the_asked_surname(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "When did Torvik's lab report that warm currents bleached the reef?")
    assert answer.abstained
    assert answer.text.startswith("The indexed articles give no date for Torvik. Closest: ")
    answered = asked(assistant, "When did Lund's lab report that warm currents bleached the reef?")
    assert not answered.abstained
    assert answered.text.startswith("Then in 2018, the laboratory of Peter Lund")


def test_she_after_a_sentence_naming_nobody_is_the_person_named_before(
    assistant: Assistant,
) -> None:
    answer = asked(assistant, "When did Mertens report the first bleached coral?")
    assert not answer.abstained
    assert "She herself reported the first bleached coral near the harbour mouth in 2015." in (
        answer.text
    )


def test_a_university_is_an_organisation_not_a_person() -> None:
    text = "Ana Torvik at the University of Kelso and Jo Mertens at Kelso College spoke."
    kinds = {text[start:end]: kind for start, end, kind in entity_spans(text, Vocabulary())}
    assert kinds["University of Kelso"] == "organisation"
    assert kinds["Kelso College"] == "organisation"
    assert kinds["Ana Torvik"] == "person"
