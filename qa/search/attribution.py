"""Who said it: the sentence naming the speaker of a quote or of "He suggests …".

An answer sentence that starts with a pronoun standing for a person ("He
suggests", "She said") or that quotes or reports speech without naming anyone
("…,” the expert said.") does not say who speaks. The nearest preceding sentence
of the same article that names a person (two to four capitalised words, none of
them an organisation's or a place's word) is brought with it, verbatim.
"""

from __future__ import annotations

import re

from qa.index.chunking import split_sentences
from qa.records import Article, Span

#: How many sentences back the speaker is looked for.
LOOK_BACK = 6

_PRONOUN_START = re.compile(r"^\W*(?:he|she|his|her|him)\b", re.I)
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|suggests?|suggested|argues?|argued|added|adds|noted|"
    r"notes|recalled|recalls|explained|explains|believes?|warned|warns|stressed|stresses|"
    r"insists?|insisted|claims?|claimed|according to|writes|wrote|asked|asks)\b",
    re.I,
)
_QUOTE = re.compile(r"[“\"«][^”\"»]{12,}[”\"»]")
_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z][a-z’'\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z’'\-]+|[A-Z]\.)){1,3}(?![\w’'])"
)
_NOT_NAME_WORDS = re.compile(
    r"\b(?:The|A|An|In|On|At|For|But|And|This|That|These|Those|It|Its|Their|Our|We|They|"
    r"He|She|His|Her|According|Ministry|Agency|Organization|Organisation|Committee|Council|"
    r"Service|Union|Party|Bank|Group|Institute|University|Court|Office|Department|"
    r"Commission|Foundation|Association|Republic|State|States|Nations|Government|"
    r"Parliament|Central|Asia|Asian|Russia|Russian|Kazakhstan|Kyrgyzstan|Tajikistan|"
    r"Uzbekistan|Turkmenistan|East|West|North|South|Middle|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Islamic|Soviet|Super|Bowl|League)\b"
)


def names_person(sentence: str) -> bool:
    """Whether the sentence names a person: two to four capitalised words that are not an
    organisation, a place, a month or a sentence opener ("Andrey Grozin", "S. Frederick
    Starr")."""
    return any(not _NOT_NAME_WORDS.search(m.group()) for m in _NAME.finditer(sentence))


def needs_speaker(sentence: str) -> bool:
    """Whether a sentence speaks for someone it does not name: it starts with "He", "She"
    (…), or it quotes or reports speech without naming a person."""
    if _PRONOUN_START.search(sentence):
        return True
    reports = bool(_QUOTE.search(sentence) or _SPEECH.search(sentence))
    return reports and not names_person(sentence)


def speaker_sentence(raw: str, article: Article, sentence: Span) -> Span | None:
    """The nearest sentence before ``sentence`` in ``article`` (at most ``LOOK_BACK`` back)
    that names a person, or None."""
    before: list[Span] = []
    for block in sorted(article.paragraphs, key=lambda s: s.start):
        if block.start >= sentence.start:
            break
        before.extend(s for s in split_sentences(raw, block) if s.end <= sentence.start)
    for span in reversed(before[-LOOK_BACK:]):
        if names_person(" ".join(raw[span.start : span.end].split())):
            return span
    return None
