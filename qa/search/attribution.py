"""Who said it: the sentence naming the speaker of a quote or of "He suggests …".

A sentence that speaks for someone it does not name does not say who speaks:

- it starts with a pronoun standing for a person ("He suggests", "Her view …");
- a pronoun or an unnamed person reports speech ("…,” she said.", "they warned",
  "…, the expert added.");
- it quotes without naming a person or an organisation as the source, or it
  stands inside a quotation that opened in an earlier sentence of its paragraph
  (the second sentence of a multi-sentence quote);
- it speaks in the first person ("I can't ask for more.", "We just had to stick to
  our pattern."): in a news report that is someone's quoted words, even where the
  text has lost its quotation marks.

Such a sentence brings, verbatim, the nearest earlier sentence of the same article
(at most ``LOOK_BACK`` back, across paragraphs) that names a person speaking,
else the nearest that names a person at all. A sentence that names its source
("…,” said Jane Doe, the minister.", "According to the ministry, …", "…,” Doe
said.") needs nothing more.

A person's name is read from the surface: two to four capitalised words, none
of them an organisation's, a place's, a month's or a sentence opener's word
("Andrey Grozin", "S. Frederick Starr"), or one such word right beside a verb
of speech ("Doe said", "said Doe"). Text in lower case has no capitals to read
names from: there a verb of speech beside a word that is no pronoun ("… said
moya.", "byrne said:") names the speaker.
"""

from __future__ import annotations

import re

from qa.index.chunking import split_sentences
from qa.patterns import LazyPattern
from qa.records import Article, Span

#: How many sentences back the speaker is looked for.
LOOK_BACK = 6

_VERBS = (
    r"(?:said|says|say|told|tells|suggests?|suggested|argues?|argued|added|adds|noted|"
    r"notes|recalled|recalls|explained|explains|believes?|warned|warns|stressed|stresses|"
    r"insists?|insisted|claims?|claimed|writes|wrote|asked|asks|continued|continues|"
    r"stated|states|declared|declares|replied|replies|admitted|admits|acknowledged|"
    r"predicted|predicts|cautioned|observed|concluded|concludes|recounted|recounts|"
    r"complained|complains|pointed\s+out|points\s+out)"
)
_SPEECH = LazyPattern(rf"\b(?:{_VERBS}|according\s+to)\b", re.I)
_PRONOUN_START = LazyPattern(r"^\W*(?:he|she|his|her|him)\b", re.I)
_PRONOUN_SPEAKS = LazyPattern(
    rf"\b(?:he|she|they)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?{_VERBS}\b(?!\s+to\b)"
    rf"|\b{_VERBS}\s+(?:he|she)\b",
    re.I,
)
_PERSON_NOUNS = (
    r"(?:expert|official|spokes(?:man|woman|person)|analyst|minister|president|source|"
    r"researcher|author|professor|scholar|diplomat|lawyer|activist|journalist|specialist|"
    r"director|head|chief|leader|officer|woman|man|resident|witness|victim|mother|father|"
    r"worker|migrant|teacher|doctor|economist|observer|representative|ambassador|"
    r"politician|deputy|lawmaker|commander|governor|mayor|judge|prosecutor)"
)
_UNNAMED_SPEAKS = LazyPattern(
    rf"\b(?:the|an?|this|that|one)\s+(?:[\w-]+\s+){{0,2}}{_PERSON_NOUNS}\s+{_VERBS}\b"
    rf"|\b{_VERBS}\s+(?:the|an?|this|that|one)\s+(?:[\w-]+\s+){{0,2}}{_PERSON_NOUNS}\b",
    re.I,
)
_SOURCE_NOUNS = (
    r"(?:ministry|agency|government|police|office|committee|council|service|court|"
    r"organi[sz]ation|department|commission|bank|company|group|report|study|survey|"
    r"statement|data|figures|statistics|website|newspaper|agency's|[A-Z]{2,6})"
)
_SOURCE_SPEAKS = LazyPattern(
    rf"\b{_SOURCE_NOUNS}\s+(?:has\s+|have\s+|had\s+)?{_VERBS}\b"
    rf"|\b(?:{_VERBS}|according\s+to)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"{_SOURCE_NOUNS}\b",
    re.I,
)
_QUOTE = LazyPattern(r"[“\"«][^”\"»]{12,}[”\"»]")
_OPENS_QUOTE = LazyPattern(r"^\s*[“\"«]")
_NAME = LazyPattern(
    r"(?<![\w’'])(?:[A-Z][a-z’'\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z’'\-]+|[A-Z]\.)){1,3}(?![\w’'])"
)
_SURNAME_SPEAKS = LazyPattern(
    rf"(?<=\S\s)(?<![.!?]\s)([A-Z][a-z’'\-]+)\s+{_VERBS}\b|\b{_VERBS}\s+([A-Z][a-z’'\-]+)\b"
)
_NOT_NAME_WORDS = LazyPattern(
    r"\b(?:The|A|An|In|On|At|For|But|And|This|That|These|Those|It|Its|Their|Our|We|They|"
    r"He|She|His|Her|According|Ministry|Agency|Organization|Organisation|Committee|Council|"
    r"Service|Union|Party|Bank|Group|Institute|University|Court|Office|Department|"
    r"Commission|Foundation|Association|Republic|State|States|Nations|Government|"
    r"Parliament|Police|Central|Asia|Asian|Russia|Russian|Kazakhstan|Kyrgyzstan|Tajikistan|"
    r"Uzbekistan|Turkmenistan|East|West|North|South|Middle|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Islamic|Soviet|Super|Bowl|League|Officials|Experts|"
    r"Analysts|Residents|Critics|Observers|Authorities|Witnesses|Reports|Sources|Rights|Human|"
    r"International|National|Social|Economic|Cultural|Convention|Covenant|Federation|"
    r"Security|Affairs|Justice|Development|Programme|Program|Fund|Network|Centre|Center|"
    r"Forum|Media|News|Press|Times|Post|Journal|Review|Report|Law|Act|Code|Treaty|"
    r"Agreement|Declaration|Strategy|Project|Initiative|War|Revolution|Movement|Front|Army|"
    r"Forces|Company|Corporation|Street|Avenue|Square|River|Lake|Valley|Sea|Island|City|"
    r"Province|Region|District)\b"
)


#: "my", "we", "our" …: a first-person sentence (in lower case or capitalised, never in
#: capitals: "ME" is no pronoun).
_FIRST_PERSON_WORDS = LazyPattern(
    r"(?<![\w’'.-])(?:[Mm]y|[Mm]e|[Mm]yself|[Mm]ine|[Ww]e|[Oo]ur|[Oo]urs|[Oo]urselves)(?![\w’'.-])"
)
#: "I" with the word before it: after a capitalised word it is a numeral ("World War I").
_CAPITAL_I = LazyPattern(r"(?:(\S+)\s+)?(?<![\w’'.-])I(?=\s+[a-z]|[’'][a-z])")
_LOWER_I = LazyPattern(r"(?<![\w’'.-])i(?=\s+(?:[a-z]|\W)|[’'][a-z])")
_NOT_A_SPEAKER = (
    r"(?:he|she|they|it|i|we|you|who|which|that|this|there|the|a|an|to|in|on|at|by|of|for|"
    r"and|but|so|his|her|their|its|our|my|was|is|had|has|have|not|also|then|later|"
    r"previously|recently|once|earlier|as|if|when|what|how)"
)
#: A verb of speech beside a word that is no pronoun: "… said moya.", "byrne said: …".
_SAYS = (
    r"(?:said|says|told|tells|added|adds|explained|insisted|insists|stated|declared|replied|"
    r"admitted|warned|stressed|argued|claimed|noted|recalled|continued|concluded)"
)
_SAYS_WHO = LazyPattern(
    rf"(?<![\w’'-])(?!{_NOT_A_SPEAKER}\b)[a-z][\w’'-]+\s+{_SAYS}\b(?!\s+(?:that|to)\b)"
    rf"|\b{_SAYS}\s+(?!{_NOT_A_SPEAKER}\b)[a-z][\w’'-]+",
    re.I,
)


def first_person(sentence: str) -> bool:
    """Whether a sentence speaks in the first person ("I", "my", "we", "our"; "i" in text
    written in lower case)."""
    if _FIRST_PERSON_WORDS.search(sentence):
        return True
    if not any(c.isupper() for c in sentence):
        return bool(_LOWER_I.search(sentence))
    opening = re.search(r"\w", sentence)
    return any(
        m.group(1) is None
        or not m.group(1)[0].isupper()
        or (opening is not None and m.start(1) <= opening.start())
        for m in _CAPITAL_I.finditer(sentence)
    )


def says_who(sentence: str) -> bool:
    """Whether a sentence in lower case names who speaks beside a verb of speech
    ("… said moya.", "byrne said: …")."""
    return not any(c.isupper() for c in sentence) and bool(_SAYS_WHO.search(sentence))


def names_person(sentence: str) -> bool:
    """Whether the sentence names a person: two to four capitalised words that are not an
    organisation, a place, a month or a sentence opener ("Andrey Grozin", "S. Frederick
    Starr"), or a capitalised word beside a verb of speech ("…,” Doe said.")."""
    if any(not _NOT_NAME_WORDS.search(m.group()) for m in _NAME.finditer(sentence)):
        return True
    return any(
        not _NOT_NAME_WORDS.fullmatch(m.group(1) or m.group(2))
        for m in _SURNAME_SPEAKS.finditer(sentence)
    )


def needs_speaker(sentence: str, *, inside_quote: bool = False) -> bool:
    """Whether a sentence speaks for someone it does not name (see the module docstring);
    ``inside_quote``: it stands inside a quotation opened by an earlier sentence."""
    if _PRONOUN_START.search(sentence) or _PRONOUN_SPEAKS.search(sentence):
        return True
    if names_person(sentence) or says_who(sentence):
        return False
    if _UNNAMED_SPEAKS.search(sentence) or inside_quote or first_person(sentence):
        return True
    quotes = any(len(m.group().split()) >= 4 for m in _QUOTE.finditer(sentence))
    quotes = quotes or bool(_OPENS_QUOTE.search(sentence))
    return quotes and not _SOURCE_SPEAKS.search(sentence)


def speaker_for(raw: str, article: Article, sentence: Span) -> Span | None:
    """The sentence naming who speaks in ``sentence`` of ``article`` when it does not say
    so itself: the nearest earlier one (at most ``LOOK_BACK`` back) naming a person who
    speaks, else the nearest naming a person; None when it needs none or none is found."""
    text = " ".join(raw[sentence.start : sentence.end].split())
    paragraph = next((p for p in article.paragraphs if p.start <= sentence.start < p.end), None)
    inside = paragraph is not None and _open_quote(raw[paragraph.start : sentence.start])
    if not needs_speaker(text, inside_quote=inside):
        return None
    before: list[Span] = []
    for block in sorted(article.paragraphs, key=lambda s: s.start):
        if block.start >= sentence.start:
            break
        before.extend(s for s in split_sentences(raw, block) if s.end <= sentence.start)
    near = [(span, " ".join(raw[span.start : span.end].split())) for span in before[-LOOK_BACK:]]
    named = [(span, said) for span, said in reversed(near) if names_person(said)]
    speaking = [span for span, said in named if _SPEECH.search(said) or _QUOTE.search(said)]
    if speaking:
        return speaking[0]
    if named:
        return named[0][0]
    return next((span for span, said in reversed(near) if says_who(said)), None)


def _open_quote(text: str) -> bool:
    """Whether a quotation opened in ``text`` (a paragraph up to a sentence) is still open."""
    curly = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    return curly > 0 or text.count('"') % 2 == 1
