"""Who said it: the sentence naming the speaker of a quote or of "He suggests …".

A sentence speaks for someone it does not name (``needs_speaker``) when, reading
only its words outside quotation marks:

- a pronoun stands for the speaker: it starts with "He", "She", "His", "Her" ("He
  suggests …"), or "he"/"she" reports speech ("…,” she said.", "She told Reuters …");
- a person is named by role only, with "the": "…,” the minister added.", "The mayor said …";
- it quotes, or stands inside a quotation that opened earlier in its paragraph, or its
  paragraph opens with a quotation mark and continues a quote, without naming a source;
- it speaks in the first person ("I can't ask for more.", "We just had to stick to our
  pattern."): in a news report that is someone's quoted words, even where the text has
  lost its quotation marks.

Quotation marks are read as news sets them: a straight quote opens before a word and
closes after one; a quotation running over several paragraphs reopens without closing
(“… the plan works. "Nobody doubts it …"), and one whose opening mark is lost (“… we
kept our word," he said.”) still quotes the words before its closing mark. "Doe says he
…" names its speaker.

A name inside the quoted words never names the speaker ("Nobody listens to Jane Doe,"
says nobody called Jane Doe). A sentence that names its source ("…,” said Jane Doe,
the minister.", "…,” Doe said.", "Doe said: “…”", "According to Dr Jane Doe, …",
"…,” said the minister, Jane Doe."), or gives an unnamed one ("…,” a police spokesman
said.", "…,” the ministry said.") needs nothing more.

``speaker_for`` finds, verbatim, the sentence that names the speaker:

- for a quote, the sentence of its own paragraph where the quotation closes when that
  names the speaker (“First sentence. Second,” said Jane Doe.), else the nearest earlier
  sentence that attributes speech (at most ``LOOK_BACK`` back, across paragraphs);
- for a pronoun, the nearest earlier sentence naming a person as its subject (also after
  an opening phrase: "In a speech on Monday, Ms Doe rejected …") or as a speaker ("Doe
  said …", "said the minister, Jane Doe"), never one only mentioning a person later on
  ("… built by the engineer John Roe.", "Critics say they blame Roe for the delay."), nor a
  man for "she" or a woman for "he" where a title says so (Mr, Ms, Mrs …). For quoted
  words ("…,” he said.") it may also be an unnamed source's quote ("…,” a port official
  told reporters.") or the one who voiced a position ("The board's case was presented on
  Tuesday by its lawyer, Anil Roe."), and an earlier "…,” he said." is followed back to its name;
- for a role ("the mayor said"), the nearest earlier sentence naming a person of that role.

An attribution by pronoun or role found on the way is followed back to its name. When
no such sentence is found, none is brought: a wrong name is worse than none.

A person's name is read from the surface: two to four capitalised words, none of them
an organisation's, a place's, a month's or a sentence opener's word ("Andrey Grozin",
"S. Frederick Starr", "Transport Minister Paul Grant"), or one such word beside a verb
of speech ("Doe said", "said Doe") or known as a surname from elsewhere in the article.
Capitals are those of the Latin, Greek and Cyrillic alphabets ("Ólafur Ragnar Grímsson",
"İlker Başbuğ", "Владимир Путин"); a word may hold an inner capital ("O'Brien",
"McDonald", "Smith-Jones"), and small particles may stand inside a name ("Ursula von der
Leyen", "Mohammed bin Salman", "Bashar al-Assad").
Text in lower case has no capitals to read names from: there a verb of speech beside a
word that is no pronoun ("… said moya.", "byrne said:") names the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from qa.index.chunking import split_sentences
from qa.patterns import LazyPattern
from qa.records import Article, Span
from qa.search.answer_types import PERSON, PLACE, things
from qa.search.name_kinds import is_demonym, is_organisation_word
from qa.search.person_titles import (
    FEMALE_TITLES,
    HEADS,
    LEADS,
    MALE_TITLES,
    OFFICES,
    PERSON_NOUNS,
    ROLES,
)
from qa.search.sentence_choice import is_statement
from qa.text import CAPITALS, SMALL_LETTERS

#: How many sentences back the speaker is looked for.
LOOK_BACK = 6

_VERBS = (
    r"(?:said|says|say|told|tells|suggests?|suggested|argues?|argued|added|adds|noted|"
    r"notes|recalled|recalls|explained|explains|believes?|warned|warns|stressed|stresses|"
    r"insists?|insisted|claims?|claimed|writes|wrote|asked|asks|continued|continues|"
    r"stated|states|declared|declares|replied|replies|admitted|admits|acknowledged|"
    r"predicted|predicts|cautioned|observed|concluded|concludes|recounted|recounts|"
    r"complained|complains|pointed\s+out|points\s+out|announced|announces|"
    r"urged|urges|described|describes|remarked|remarks|conceded|concedes|countered|counters|"
    r"interjected|retorted|rejoined|responded|responds|answered|pressed|quipped|"
    r"tweeted|tweets|posted)"
)
#: Verbs after which a name is the speaker ("said Doe"); after "told" it is the listener.
_VERBS_BEFORE_SPEAKER = (
    r"(?:said|says|added|adds|noted|notes|recalled|recalls|explained|explains|warned|"
    r"warns|stressed|insisted|insists|wrote|writes|continued|continues|stated|declared|"
    r"replied|admitted|acknowledged|predicted|cautioned|observed|concluded|recounted|"
    r"complained|argued|argues|announced|urged|remarked|conceded|countered|interjected|"
    r"retorted|rejoined|responded|answered|quipped|tweeted|posted)"
)
_SPEECH = LazyPattern(rf"\b(?:{_VERBS}|according\s+to)\b", re.I)
_PRONOUN_START = LazyPattern(r"^\W*(?:he|she|his|her|him)\b", re.I)
#: "In 2015, after the vote, he called …": a pronoun the subject after a fronted phrase or two.
_FRONTED_PRONOUN = LazyPattern(r"^\W*(?:[^,;“”\"]{1,60},\s+){1,3}(he|she)\s+(?=[a-z])", re.I)
_PRONOUN_SPEAKS = LazyPattern(
    rf"\b(?:he|she)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+|had\s+|has\s+)?{_VERBS}\b"
    rf"|\b{_VERBS}\s+(?:he|she)\b(?=\W*$|\s*[,;:.!?—–])",
    re.I,
)
_PRONOUN = LazyPattern(r"\b(he|she|his|her|him)\b", re.I)
_PERSON_NOUNS = "(?:" + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True)) + ")"
_ROLE_SPEAKS = LazyPattern(
    rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?({_PERSON_NOUNS})\s+{_VERBS}\b"
    rf"|\b{_VERBS}\s+the\s+(?:[\w-]+\s+){{0,2}}?({_PERSON_NOUNS})\b(?!\s*,)",
    re.I,
)
_UNNAMED_SPEAKS = LazyPattern(
    rf"\b(?:an?|one|another|two|three|several|some)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_PERSON_NOUNS}s?\s+(?:who\s+\w+\s+)?(?:for\s+[^.;:“”\"]{{1,80}}?,?\s+)?{_VERBS}\b"
    rf"|\b{_VERBS}\s+(?:an?|one|another)\s+(?:[\w-]+\s+){{0,3}}?{_PERSON_NOUNS}\b"
    rf"|\b{_PERSON_NOUNS}s\s+{_VERBS}\b",
    re.I,
)
_SOURCE_NOUNS = (
    r"(?:ministry|agency|government|police|office|committee|council|service|services|"
    r"court|organi[sz]ation|department|commission|bank|company|group|report|study|survey|"
    r"statement|data|figures|statistics|website|newspaper|agency's|union|club|party|"
    r"campaign|army|military|authorities|(?-i:[A-Z]{2,6}))"
)
_SOURCE_SPEAKS = LazyPattern(
    rf"\b{_SOURCE_NOUNS}\s+(?:has\s+|have\s+|had\s+)?{_VERBS}\b"
    rf"|\b(?:{_VERBS}|according\s+to)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"{_SOURCE_NOUNS}\b",
    re.I,
)
#: One word of a name: a capital then small letters, in any of the alphabets of
#: ``qa.text`` ("Grímsson", "Łukasz", "İlker", "Путин"), with an inner capital after an
#: apostrophe, a hyphen or a prefix ("O'Brien", "Smith-Jones", "McDonald", "DiCaprio"), maybe
#: after a joined particle ("al-Assad").
_WORD = (
    rf"(?:(?:al|el|ad|ash)[-‐])?[{CAPITALS}](?:[’'][{CAPITALS}])?[{SMALL_LETTERS}]"
    rf"[{SMALL_LETTERS}’'\-]*(?:[{CAPITALS}][{SMALL_LETTERS}][{SMALL_LETTERS}’'\-]*)*"
)
#: Small words inside a name: "Ursula von der Leyen", "Mohammed bin Salman", "Charles de Gaulle".
_PARTICLE = r"(?:von|van|der|den|de|da|di|du|del|della|dos|das|la|le|bin|bint|ibn|ben|zu|ter|ten)"
#: One to four words of a name, maybe with particles or initials: "Jane Doe", "S. F. Starr".
_NAME_WORDS = (
    rf"(?:{_WORD}|[{CAPITALS}]\.)(?:\s+(?:{_PARTICLE}\s+){{0,2}}(?:{_WORD}|[{CAPITALS}]\.)){{0,3}}"
)
_NAME = LazyPattern(
    rf"(?<![\w’'])(?:{_WORD}|[{CAPITALS}]\.)"
    rf"(?:\s+(?:{_PARTICLE}\s+){{0,2}}(?:{_WORD}|[{CAPITALS}]\.)){{1,3}}(?![\w’'])"
)
_SURNAME_SPEAKS = LazyPattern(
    rf"(?<=\S\s)(?<![.!?]\s)(?<![Tt]he\s)(?<![\w’'])({_WORD})\s+{_VERBS}\b"
    rf"|\b{_VERBS_BEFORE_SPEAKER}\s+({_WORD})(?![\w’'])(?<![’']s)"  # not "said Doe's …"
)
#: A sentence opening with one capitalised word, maybe followed by an aside, then a verb of
#: speech: "Doe said …", "Doe, 52, said …", "Doe, who chairs the union, said: …".
_LEADING_WORD_SPEAKS = LazyPattern(rf"^\W*({_WORD})(?:,[^,“”\"]{{1,80}},)?\s+{_VERBS}\b")
#: The word a sentence opens with: a known surname there is the sentence's subject
#: ("Okafor, who grew up in Lagos, graduated from …").
_LEADING_WORD = LazyPattern(rf"^\W*({_WORD})(?![\w’'])")
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
    r"Province|Region|District|Reuters|Associated|Agence|Emergency|Services|Club|Cup|"
    r"Championship|Olympic|Olympics|Games|Council|Assembly|Congress|Senate|House|Airport|"
    r"Port|Station|Hospital|School|College|Museum|Stadium|Park|Bridge|Road|Mountains?)\b"
)
#: Words before a name that make it no subject: the name is mentioned, not acting.
_PREPOSITIONS = LazyPattern(
    r"\b(?:by|to|with|from|of|for|at|in|on|about|against|into|than|like|over|under|"
    r"between|after|before|during|behind|via|whom|whose)\b",
    re.I,
)
#: A sentence's opening phrase, set off by a comma before its subject: "In a speech at the
#: meeting, ", "Speaking in Leeds, ", "Later, ".
_OPENING_PHRASE = LazyPattern(
    r"\W*(?:(?:in|at|on|after|before|during|later|earlier|meanwhile|since|while|when|with|"
    r"under|despite|following|speaking|addressing|writing)\b|\w+ing\b)[^,]*,\s*$",
    re.I,
)
#: A name that a verb follows, maybe after an aside: the subject of the clause a verb of
#: speech before it reports ("Police say Gil Munro, 45, was arrested …"), not its speaker.
_REPORTED_SUBJECT = LazyPattern(
    rf"{_NAME_WORDS}(?:,[^,]{{1,60}},)?\s+"
    r"(?:was|were|is|are|has|have|had|will|would|could|should|can|"
    r"may|might|must|did|does|do|\w+ed)\b"
)
#: A title in capitals right before a name, which may hold "of" or "for": "Warden of Fleet ",
#: "Minister for the Harbour ".
_TITLE_PHRASE = LazyPattern(r"(?:\b[A-Z][\w’'-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?)+$")
#: How many words may stand between a verb of speech and the speaker named after it
#: ("said the deputy minister, Jane Doe").
_SPEAKER_AFTER_VERB = 4
#: A pronoun standing as a subject before a name: the name is no subject then.
_PRONOUN_SUBJECT = LazyPattern(r"\b(?:he|she|they|we|i)\b", re.I)
#: Verbs of speech after which a name is the one spoken to.
_TO_LISTENER = LazyPattern(r"told|tells|asked|asks|urged|urges|pressed", re.I)
#: Words between a verb of speech and a name that make the name what is spoken of.
_NOT_A_SPEAKERS_GAP = LazyPattern(r"\b(?:he|she|they|it|we|i|you|that|this|there|to)\b", re.I)
#: Who voiced a position, closing a passive sentence before the name: "The case was presented
#: on Tuesday by its lawyer, " (Jane Doe.), "The plan was outlined by " (Jane Doe.).
_AGENT_ENDS = LazyPattern(
    r"\b(?:was|were|been)\s+(?:\w+ly\s+)?(?:set|laid|summed|outlined|announced|"
    r"explained|stated|expressed|voiced|put|delivered|read|issued|echoed|defended|presented|"
    r"spelt|spelled|made|given|detailed|described|articulated|conveyed|confirmed|restated)"
    r"\b(?:\s+\w+){0,3}?\s+by\s+(?:[a-z][\w-]*,?\s+){0,3}$"
)
#: How many words a quotation needs to be someone's words rather than a term.
_QUOTED_WORDS = 4
#: How many words may stand before a name that is a sentence's subject ("The regional
#: governor, Anna Berg, …").
_SUBJECT_WITHIN = 6
_MALE_TITLES = "|".join(sorted(t.capitalize() for t in MALE_TITLES))
_FEMALE_TITLES = "|".join(sorted(t.capitalize() for t in FEMALE_TITLES))
_TITLED = LazyPattern(
    rf"\b(?:({_MALE_TITLES})|({_FEMALE_TITLES}))\.?\s+(?:(?:{_WORD}|{_PARTICLE})\s+){{0,3}}"
    rf"({_WORD})(?![\w’'])"
)

#: "my", "we", "our" …: a first-person sentence (in lower case or capitalised, never in
#: capitals: "ME" is no pronoun).
_FIRST_PERSON_WORDS = LazyPattern(
    r"(?<![\w’'.-])(?:[Mm]y|[Mm]e|[Mm]yself|[Ww]e|[Oo]ur|[Oo]urs|[Oo]urselves)(?![\w’'.-])"
    # "mine" is the pronoun after "of", "is", "than" … ("a friend of mine", "it is mine") or
    # leading before a verb ("Mine was the last"); "the mine", "a coal mine" is a pit.
    r"|\b(?i:of|is|was|are|were|be|been|and|or|than|like|as|not)\s+mine\b(?![\w’'-])"
    r"|^\W*[Mm]ine\s+(?:is|was|are|were|has|had|will|would)\b"
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

# What a sentence needs to say who speaks.
_PRONOUN_KIND, _ROLE_KIND, _QUOTE_KIND = "pronoun", "role", "quote"


_ASKS_SPEAKER = LazyPattern(
    rf"^\W*(?:who|which\s+(?:\w+\s+){{0,2}}?(?:person|official|minister|player|leader|expert))"
    rf"\s+(?:has\s+|had\s+)?(?:{_VERBS}|called|described|criticised|criticized|praised)\b",
    re.I,
)


def asks_speaker(question: str) -> bool:
    """Whether a question asks who said something ("Who said …?", "Who called X a …?",
    "Which minister warned …?"): its reply leads with the quote and the sentence naming
    the speaker."""
    return bool(_ASKS_SPEAKER.search(question))


def first_person(sentence: str) -> bool:
    """Whether a sentence speaks in the first person ("I", "my", "we", "our"; "i" in text
    written in lower case); a capitalised "Our", "We" or "My" inside a run of capitalised
    words after another word is part of a name ("the group Save Our Valley Schools")."""
    if any(not _in_name(sentence, m) for m in _FIRST_PERSON_WORDS.finditer(sentence)):
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


#: A capitalised word standing right before or after a word: in a name with it.
_CAPITALISED_BEFORE = LazyPattern(r"[A-Z][\w’'-]*\s+$")
_CAPITALISED_AFTER = LazyPattern(r"^\s+[A-Z]")


def _in_name(sentence: str, found: re.Match[str]) -> bool:
    """Whether the first-person word ``found`` is a capitalised word of a name: it stands
    after a word (no sentence or quotation starts there) beside another capitalised word."""
    if not found.group()[:1].isupper():
        return False
    before = sentence[: found.start()]
    if not re.search(r"\w\s+$", before):
        return False
    return bool(
        _CAPITALISED_BEFORE.search(before) or _CAPITALISED_AFTER.match(sentence[found.end() :])
    )


def says_who(sentence: str) -> bool:
    """Whether a sentence in lower case names who speaks beside a verb of speech
    ("… said moya.", "byrne said: …")."""
    return not any(c.isupper() for c in sentence) and bool(_SAYS_WHO.search(sentence))


def names_speaker(sentence: str) -> bool:
    """Whether a sentence names a person who speaks, outside any quotation ("Jane Doe said
    …", "…,” said Doe.", "According to Dr Doe, …"; in lower case, "… said moya.")."""
    (read,) = _read_paragraph([sentence], 0)
    named = names_person(read.outside) and bool(_SPEECH.search(read.outside))
    return named or says_who(sentence)


def names_person(sentence: str, surnames: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence names a person: two to four capitalised words that are not an
    organisation, a place, a month or a sentence opener ("Andrey Grozin", "S. Frederick
    Starr"), a capitalised word beside a verb of speech ("…,” Doe said."), or one of the
    article's known ``surnames`` opening a sentence ("Doe said …", "Doe, who grew up in
    Leeds, studied law …")."""
    return _first_name_at(sentence, surnames) is not None


def _first_name_at(sentence: str, surnames: frozenset[str]) -> int | None:
    """Where the first person's name of ``sentence`` starts, or None if it names nobody."""
    starts = [at for at, _ in _names(sentence)]
    starts += [
        m.start(1) if m.group(1) else m.start(2)
        for m in _SURNAME_SPEAKS.finditer(sentence)
        if not _NOT_NAME_WORDS.fullmatch(m.group(1) or m.group(2))
    ]
    leading = _LEADING_WORD_SPEAKS.search(sentence) or _LEADING_WORD.search(sentence)
    if leading and leading.group(1) in surnames:
        starts.append(leading.start(1))
    return min(starts, default=None)


#: A relative clause for a person right after a name ("Lena Park, who studies …").
_WHO_AFTER = LazyPattern(r",\s+who\b")


def _names(text: str) -> list[tuple[int, str]]:
    """Where the people's names of ``text`` start, and the names: runs of capitalised words
    (``_NAME``), each after the last word that is no name's when its run holds one ("Port
    Services Minister Nora Vell": "Minister Nora Vell"), so that an organisation or a place
    before a person's title does not hide the person."""
    found: list[tuple[int, str]] = []
    for match in _NAME.finditer(text):
        name, at = match.group(), match.start()
        not_names = list(_NOT_NAME_WORDS.finditer(name))
        if not_names and _WHO_AFTER.match(text, match.end()) and not _NOT_NAME_WORDS.match(name):
            # "Lena Park, who studies …": a place word as a surname, named as a person.
            found.append((at, name))
            continue
        if not_names:
            tail = name[not_names[-1].end() :].lstrip()
            if len(tail.split()) < 2:
                continue
            at, name = at + len(name) - len(tail), tail
        found.append((at, name))
    return found


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of an article and what its words outside quotation marks say."""

    span: Span
    text: str  # whitespace collapsed
    outside: str  # the words outside quotation marks, each quote left as “…”
    quoted: bool  # it holds quoted words or stands inside a quotation
    open_at_end: bool  # a quotation is still open where it ends
    paragraph: int


def needs_speaker(sentence: str, *, inside_quote: bool = False) -> bool:
    """Whether a sentence speaks for someone it does not name (see the module docstring);
    ``inside_quote``: it stands inside a quotation opened by an earlier sentence."""
    (read,) = _read_paragraph([sentence], 0, opened=inside_quote)
    return _need(read, frozenset()) is not None


def voices_someone(sentence: str) -> bool:
    """Whether a sentence gives the words of someone it does not name (``needs_speaker``)
    as words spoken: it opens with a quotation mark ("“We are ready,” …") or a pronoun
    speaks in it ("He says …", "…, she said."); not a sentence only in the first person
    ("So we see that …") or one quoting a term or a source within its own words."""
    if not needs_speaker(sentence):
        return False
    (read,) = _read_paragraph([sentence], 0)
    opens_quoted = read.quoted and read.outside.startswith("“…")
    return opens_quoted or bool(
        _PRONOUN_START.search(read.outside) or _PRONOUN_SPEAKS.search(read.outside)
    )


def speaker_for(raw: str, article: Article, sentence: Span) -> Span | None:
    """The sentence naming who speaks in ``sentence`` of ``article`` when it does not say
    so itself (see the module docstring); None when it needs none or none is found."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= sentence.start), default=None)
    if holding is None:
        return None
    # Each paragraph holds a sentence at least: LOOK_BACK sentences lie within as many.
    sentences = _sentences(raw, paragraphs, range(max(0, holding - LOOK_BACK), holding + 1))
    at = next(
        (i for i, s in reversed(list(enumerate(sentences))) if s.span.start <= sentence.start),
        None,
    )
    if at is None:
        return None
    need: tuple[str, str] | None = (_QUOTE_KIND, "")
    surnames: frozenset[str] = frozenset()
    genders: dict[str, str] = {}
    if not _continues_quote(sentences, at):
        if _need(sentences[at], frozenset()) is None:
            return None  # a known surname could only name the speaker: no need to read them
        surnames, genders = _people(" ".join(raw[p.start : p.end] for p in paragraphs))
        need = _need(sentences[at], surnames)
    if need is None:
        return None
    found = _resolve(sentences, at, need, surnames, genders)
    if found is None or (_PRONOUN_START.search(found.outside) and _need(found, surnames)):
        return None  # "He told the agency …" for "…," the official said: still nobody named
    return found.span


#: A sentence ending in its attribution, in text without capitals: "… he said.", "… said moya."
_ENDS_SAID = LazyPattern(
    rf"(?:\b(?:he|she)|(?<![\w’'-])(?!{_NOT_A_SPEAKER}\b)[a-z][\w’'-]+)\s+{_SAYS}\W*$"
    rf"|\b{_SAYS}\s+(?!{_NOT_A_SPEAKER}\b)[a-z][\w’'-]+\W*$"
)


def _continues_quote(sentences: list[_Sentence], at: int) -> bool:
    """Whether, in text that lost its capitals and quotation marks (a feed in lower case),
    ``sentences[at]`` goes on with the quote of the sentence before it, which ends in its
    attribution ("… he said. only the fullest disclosure will now do."): it says nothing
    of speech itself and stands in the same paragraph or the next."""
    if at == 0:
        return False
    sentence, before = sentences[at], sentences[at - 1]
    return (
        not any(c.isupper() or c in '"“”«»' for c in before.text + sentence.text)
        and sentence.paragraph - before.paragraph <= 1
        and bool(_ENDS_SAID.search(before.text))
        and not _SPEECH.search(sentence.text)
        and not _PRONOUN_START.search(sentence.text)
    )


def _sentences(raw: str, paragraphs: list[Span], numbers: range) -> list[_Sentence]:
    """The sentences of the paragraphs numbered ``numbers``, each with its quotation state."""
    found: list[_Sentence] = []
    for number in numbers:
        spans = split_sentences(raw, paragraphs[number])
        texts = [" ".join(raw[s.start : s.end].split()) for s in spans]
        found.extend(
            replace(read, span=span)
            for span, read in zip(spans, _read_paragraph(texts, number), strict=True)
        )
    return found


def _read_paragraph(texts: list[str], number: int, *, opened: bool = False) -> list[_Sentence]:
    """The sentences of one paragraph with their quotation state; a paragraph starts
    outside any quotation. Curly and angle quotes open and close; a straight quote opens
    where a word follows it after a space and closes where it follows a word, else it
    toggles (``_quote_mark``). A quotation running on over several paragraphs, which news
    reopens without closing ("… the plan works. "Nobody doubts it …"), stays open; a
    closing quote with none open (its opening mark lost) makes the words before it quoted. A
    quotation of a few words is a term, and one in title case a title, not speech
    (``_spoken``)."""
    read: list[_Sentence] = []
    inside = opened
    for text in texts:
        began_inside = inside
        outside: list[str] = []
        quoted: list[str] = []
        speech = began_inside
        for at, ch in enumerate(text):
            mark = _quote_mark(text, at, inside)
            if mark == "open":
                if not inside:
                    outside.append("“…")
                    quoted = []
                inside = True
            elif mark == "close":
                if not inside:  # its opening mark is lost: the words before are quoted
                    quoted, outside = outside, ["“…"]
                outside.append("”")
                speech = speech or _spoken("".join(quoted))
                inside = False
            elif inside:
                quoted.append(ch)
            else:
                outside.append(ch)
        speech = speech or inside
        read.append(_Sentence(Span(0, 0), text, "".join(outside).strip(), speech, inside, number))
    return read


def _quote_mark(text: str, at: int, inside: bool) -> str | None:
    """Whether the character at ``at`` opens ("open") or closes ("close") a quotation, or
    is none (None). A straight quote opens when a space (or the start, or a bracket or
    dash) stands before it and none after; it closes when a word or a stop stands before
    it and a space, a stop or the end after; else it toggles."""
    ch = text[at]
    if ch in "“«":
        return "open"
    if ch in "”»":
        return "close"
    if ch != '"':
        return None
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = (before.isspace() or before in "([{—–-/") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-’'")
    if opens != closes:
        return "open" if opens else "close"
    return "close" if inside else "open"


def _spoken(quoted: str) -> bool:
    """Whether closed quoted words are someone's words: ``_QUOTED_WORDS`` or more, not a
    title in title case ("Hymn for the Weekend")."""
    words = quoted.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= _QUOTED_WORDS and capitalised < 0.5 * len(words)


def _need(sentence: _Sentence, surnames: frozenset[str]) -> tuple[str, str] | None:
    """What ``sentence`` needs to say who speaks: (kind, detail), or None when it names
    its speaker or needs none. The detail is the pronoun or the role noun."""
    outside = sentence.outside
    fronted = _FRONTED_PRONOUN.match(outside)
    pronoun = _PRONOUN_START.search(outside) or fronted or _PRONOUN_SPEAKS.search(outside)
    # Where the pronoun stands: after the fronted phrases, else where the match starts.
    at = 0 if pronoun is None else pronoun.start(1) if pronoun is fronted else pronoun.start()
    if pronoun and at > 0:  # "Doe said he …", "After Doe won, he …": Doe
        named_at = _first_name_at(outside, surnames)
        pronoun = pronoun if named_at is None or named_at > at else None
    if pronoun:
        word = _PRONOUN.search(pronoun.group())
        return _PRONOUN_KIND, word.group(1).lower() if word else ""
    if names_person(outside, surnames) or says_who(sentence.text):
        return None
    role = _ROLE_SPEAKS.search(outside)
    if role:
        return _ROLE_KIND, (role.group(1) or role.group(2)).lower()
    if _UNNAMED_SPEAKS.search(outside) or _SOURCE_SPEAKS.search(outside):
        return None  # an unnamed source, named as such
    if sentence.quoted or first_person(sentence.text):
        return _QUOTE_KIND, ""
    return None


def _resolve(
    sentences: list[_Sentence],
    at: int,
    need: tuple[str, str],
    surnames: frozenset[str],
    genders: dict[str, str],
) -> _Sentence | None:
    """The sentence before (or, for a quote, after) ``sentences[at]`` that names who speaks
    there, following attributions by pronoun or role back to their name."""
    kind, detail = need
    speaking = sentences[at].quoted or bool(_PRONOUN_SPEAKS.search(sentences[at].outside))
    if kind == _QUOTE_KIND:
        closing = _closing_attribution(sentences, at, surnames)
        if closing is not None:
            return closing
    for back in range(at - 1, max(at - 1 - LOOK_BACK, -1), -1):
        earlier = sentences[back]
        if kind != _QUOTE_KIND and not is_statement(earlier.text):
            continue  # a signature, dateline or heading names someone a pronoun need not mean
        outside = earlier.outside
        named = _first_name_at(outside, surnames)
        if kind == _PRONOUN_KIND:
            # The person named first: a known surname alone ("An officer, Rusk wanted …")
            # may stand before a full name later in the sentence.
            known = _known_surname_at(outside, surnames)
            named = min((at for at in (named, known) if at is not None), default=None)
            if (
                named is not None
                and _fits(earlier, named, detail, genders)
                and (
                    _speaks_at(outside, named)
                    or earlier.quoted
                    or _subject_at(outside, named)
                    or (speaking and _AGENT_ENDS.search(outside[:named]) is not None)
                )
            ):
                if speaking and _rivalled(sentences, back, at, detail, surnames, genders):
                    return None
                return earlier
            if named is None and (
                says_who(earlier.text) or (speaking and _unnamed_quoted(earlier, detail))
            ):
                return earlier
            further = _need(earlier, surnames) if named is None and speaking else None
            if further is not None and _same_person_pronoun(further, detail):
                # "“…,” he said. … “…,” he said.": the same speaker, named further back
                return _resolve(sentences, back, further, surnames, genders)
        elif kind == _ROLE_KIND:
            if named is not None and re.search(rf"\b{detail}\b", outside, re.I):
                return earlier
        else:
            speaks = bool(_SPEECH.search(outside)) or earlier.quoted
            if (named is not None and speaks) or says_who(earlier.text):
                if named is not None and _rivalled(sentences, back, at, "", surnames, genders):
                    return None
                return earlier
            further = _need(earlier, surnames)
            if further is not None and further[0] != _QUOTE_KIND:
                return _resolve(sentences, back, further, surnames, genders)
            if further is None and earlier.quoted and speaks:
                return earlier  # "…,” a police spokesman said. “…”: the spokesman
    return None


def _rivalled(
    sentences: list[_Sentence],
    found: int,
    at: int,
    pronoun: str,
    surnames: frozenset[str],
    genders: dict[str, str],
) -> bool:
    """Whether the speaker of ``sentences[at]`` is in doubt although ``sentences[found]``
    names a person who may speak there: between them another person the words
    (``pronoun``: "he", "she", or "" for a quote) may stand for is a sentence's subject
    ("Roe told Doe …"), or, when the found one only acts ("Gil Munro was charged
    …"), someone else speaks before it within ``LOOK_BACK`` sentences ("Detective Tom Hale
    says …"). The words stand for the nearest person named, and the one who speaks for one
    who spoke: where the two differ, who speaks is not established."""
    people = _people_named(sentences[found], surnames)
    if not people:
        return False
    speaker = people[0][1]

    def rival(sentence: _Sentence, *, speaking: bool) -> bool:
        named = _people_named(sentence, surnames)
        if not named:
            return False
        name_at, name = named[0]
        outside = sentence.outside
        speaks = _speaks_at(outside, name_at) and (
            _subject_at(outside, name_at) or bool(_SPEECH.search(outside[:name_at]))
        )  # not "… on Jane Doe, according to …"
        acts = speaks or (not speaking and _subject_at(outside, name_at))
        return acts and name != speaker and _may_stand_for(name, pronoun, genders)

    if any(rival(between, speaking=False) for between in sentences[found + 1 : at]):
        return True
    earlier = sentences[found]
    if not _done_to(earlier.outside, people[0][0]):
        return False
    return any(
        rival(before, speaking=True) for before in sentences[max(0, found - LOOK_BACK) : found]
    )


def _done_to(outside: str, name_at: int) -> bool:
    """Whether the person named at ``name_at`` is what a sentence's verb acts on, not who
    acts: the subject of a passive verb ("Gil Munro, 45, was charged …") or the object of an
    earlier one ("The club signed striker Jim Pell …")."""
    before = outside[:name_at]
    if _AGENT_ENDS.search(before):  # "The case was presented … by its lawyer, Anil Roe": acts
        return False
    return bool(_PASSIVE_AFTER.match(outside, name_at) or _ACTED_BEFORE.search(before))


#: A name, maybe with an aside, then a passive verb: "Gil Munro, 45, was charged".
_PASSIVE_AFTER = LazyPattern(
    rf"{_NAME_WORDS}(?:,[^,]{{1,60}},|,)?\s+"
    r"(?:was|were|is|are|has\s+been|had\s+been|have\s+been|will\s+be)"
    r"\s+(?:\w+ly\s+)?\w+(?:ed|en)\b"
)
#: A verb in the past before a name: the name is what it acted on ("signed striker Jim Pell").
_ACTED_BEFORE = LazyPattern(r"\b[a-z]+ed\b")


def _people_named(sentence: _Sentence, surnames: frozenset[str]) -> list[tuple[int, str]]:
    """Where the people ``sentence`` names outside its quotation marks stand, and their
    surnames, the first named first."""
    outside = sentence.outside
    found: list[tuple[int, str]] = [(at, name.split()[-1]) for at, name in _names(outside)]
    found += [
        (m.start(1) if m.group(1) else m.start(2), m.group(1) or m.group(2))
        for m in _SURNAME_SPEAKS.finditer(outside)
        if not _NOT_NAME_WORDS.fullmatch(m.group(1) or m.group(2))
    ]
    speaking = _LEADING_WORD_SPEAKS.search(outside)  # "Doe told …", known as a surname or not
    if speaking and not _NOT_NAME_WORDS.fullmatch(speaking.group(1)):
        found.append((speaking.start(1), speaking.group(1)))
    leading = _LEADING_WORD.search(outside)
    if leading and leading.group(1) in surnames:
        found.append((leading.start(1), leading.group(1)))
    named = sorted((at, name) for at, name in found if not _ROLE_WORD.fullmatch(name))
    return [
        (at, name) for i, (at, name) in enumerate(named) if name not in (n for _, n in named[:i])
    ]


#: A capitalised role standing where a name may ("The President said …"): no person's name.
_ROLE_WORD = LazyPattern(
    rf"(?i:{_PERSON_NOUNS}|prime|foreign|interior|police|detective|{'|'.join(MALE_TITLES)}|"
    rf"{'|'.join(FEMALE_TITLES)})"
)


def _may_stand_for(surname: str, pronoun: str, genders: dict[str, str]) -> bool:
    """Whether ``pronoun`` ("" for a quote without one) may stand for the person
    ``surname``: a title elsewhere in the article may say "Mr" or "Ms"."""
    gender = genders.get(surname)
    if not pronoun or gender is None:
        return True
    return gender == ("m" if pronoun in ("he", "his", "him") else "f")


def _unnamed_quoted(sentence: _Sentence, pronoun: str) -> bool:
    """Whether ``sentence`` gives quoted words of an unnamed person whom ``pronoun`` may
    stand for ("“…,” a staff member told reporters." before "“…,” he said.")."""
    unnamed = _UNNAMED_SPEAKS.search(sentence.outside)
    if not (sentence.quoted and unnamed):
        return False
    woman = re.search(r"woman|mother|wife|daughter|sister", unnamed.group(), re.I)
    man = re.search(r"\b(?:\w*man|father|husband|son|brother)\b", unnamed.group(), re.I)
    male = pronoun in ("he", "his", "him")
    return not (male and woman) and not (not male and man and not woman)


def _same_person_pronoun(need: tuple[str, str], pronoun: str) -> bool:
    """Whether ``need`` is for a pronoun of the same gender as ``pronoun``."""
    kind, word = need
    male = ("he", "his", "him")
    return kind == _PRONOUN_KIND and (word in male) == (pronoun in male) and bool(word)


def _closing_attribution(
    sentences: list[_Sentence], at: int, surnames: frozenset[str]
) -> _Sentence | None:
    """The later sentence of the same paragraph where the quotation ``sentences[at]`` stands
    in closes, when that one names the speaker (“First. Second,” said Jane Doe.)."""
    if not sentences[at].open_at_end:
        return None
    for sentence in sentences[at + 1 :]:
        if sentence.paragraph != sentences[at].paragraph:
            return None
        if not sentence.open_at_end:
            return sentence if _first_name_at(sentence.outside, surnames) is not None else None
    return None


def _known_surname_at(outside: str, surnames: frozenset[str]) -> int | None:
    """Where a surname the article gives in full elsewhere first stands alone in a
    sentence ("When he was 16, Dusek left school …"), or None."""
    for word in re.finditer(_WORD, outside):
        if word.group() in surnames:
            return word.start()
    return None


def _speaks_at(outside: str, name_at: int) -> bool:
    """Whether the name at ``name_at`` is who speaks in a sentence with a verb of speech:
    it stands before the verb ("Doe, the minister, said …") or just after it ("said the
    minister, Jane Doe", "according to Dr Doe"), not as what the speech is about ("The
    critics say they blame Doe for the delay")."""
    verb = _SPEECH.search(outside)
    if verb is None:
        return False
    if verb.start() > name_at:
        return True
    if _TO_LISTENER.fullmatch(verb.group()):  # "He has told Channel Four …": the listener
        return False
    gap = outside[verb.end() : name_at]
    return (
        len(gap.split()) <= _SPEAKER_AFTER_VERB
        and not _NOT_A_SPEAKERS_GAP.search(gap)
        and not _REPORTED_SUBJECT.match(outside, name_at)  # "Police say Doe was arrested"
    )


def _subject_at(outside: str, name_at: int) -> bool:
    """Whether the name at ``name_at`` is the sentence's subject: few words before it, none a
    preposition ("The regional governor, Anna Berg, visited …", not "… built by Anna Berg")."""
    before = outside[:name_at]
    if _OPENING_PHRASE.match(before):  # "In a speech on Monday, Anna Berg said …"
        before = before.rpartition(",")[2]
    before = _TITLE_PHRASE.sub("", before)  # "Warden of Fleet Commodore-Captain Ray Fenn"
    return (
        len(before.split()) <= _SUBJECT_WITHIN
        and not _PREPOSITIONS.search(before)
        and not _PRONOUN_SUBJECT.search(before)  # "He has told Channel Four …"
        and not _SPEECH.search(before)  # "Police say Doe was arrested": what they say
    )


def _fits(sentence: _Sentence, name_at: int, pronoun: str, genders: dict[str, str]) -> bool:
    """Whether the pronoun may stand for the person named there: a title elsewhere in the
    article may say "Mr" or "Ms"; without one, any person fits."""
    found = _NAME.search(sentence.outside, name_at) or re.search(_WORD, sentence.outside[name_at:])
    if found is None:
        return True
    surname = found.group().split()[-1]
    gender = genders.get(surname)
    wanted = "m" if pronoun in ("he", "his", "him") else "f"
    return gender is None or gender == wanted


@lru_cache(maxsize=64)
def _people(text: str) -> tuple[frozenset[str], dict[str, str]]:
    """The surnames of the people an article's ``text`` names in full, and the gender a
    title gives some of them ("Mr Okafor" → m)."""
    surnames = frozenset(name.split()[-1] for _, name in _names(text))
    genders: dict[str, str] = {}
    for titled in _TITLED.finditer(text):
        genders.setdefault(titled.group(3), "m" if titled.group(1) else "f")
    return surnames, genders


#: "Who is the president of Uzbekistan?", "Who was Kyrgyzstan's prime minister?": the role.
_ASKS_HOLDER = LazyPattern(
    r"^\W*who\s+(?:is|was|'s|are|were|has\s+been|became)\s+(?:the\s+|(?:[\w-]+\s+){0,2}?[\w-]+['’]s\s+)?"
    rf"(?P<role>(?:[\w-]+\s+){{0,2}}?{_PERSON_NOUNS})\b(?!\s*(?:who|that)\b)"
    rf"(?!\s+{_PERSON_NOUNS}\b)",  # "head coach" asks for a coach
    re.I,
)


#: "Who heads Sana Sezim?", "Who runs the Harbour Trust?": the head of a body named next.
_ASKS_HEAD_BY_VERB = LazyPattern(
    r"^\W*(?i:who)\s+(?:(?i:currently|now)\s+)?(?i:heads|headed|leads|runs|chairs|chaired)\s+"
    rf"(?:(?i:the)\s+)?(?=[{CAPITALS}])"
)


@dataclass(frozen=True, slots=True)
class AskedHolder:
    """A question asking who holds a role ("Who is the president of Uzbekistan?"): the
    role's noun, the word before it that narrows it ("prime" minister), and the names the
    question gives (the place or body whose role it is)."""

    noun: str
    narrowing: str | None
    names: tuple[str, ...]


def asked_holder(question: str) -> AskedHolder | None:
    """What a "Who is the <role> (of <place>)?" question asks, or None for another
    question (a "Who said …?" asks for a speaker, see ``asks_speaker``)."""
    names = tuple(re.findall(rf"(?<=\s)[{CAPITALS}][\w\-]+", question))
    if _ASKS_HEAD_BY_VERB.search(question):  # "Who heads X?" asks what "Who is the head of X?" does
        return AskedHolder("head", None, names)
    found = _ASKS_HOLDER.search(question)
    if found is None or asks_speaker(question):
        return None
    *before, noun = found.group("role").split()
    narrowing = before[-1] if before and before[-1].islower() else None
    return AskedHolder(noun.lower(), narrowing, names)


def holder_search_text(question: str) -> str:
    """The text to search the index by for ``question``: itself, with the titles a body
    gives its head ("president", "chair", …) added when it asks for the head, leader or
    chief of a body, since those words, not "head", are what the answer's sentence holds."""
    asked = asked_holder(question)
    if asked is None or asked.narrowing or asked.noun not in _GENERIC_HEADS:
        return question
    return " ".join([question, *sorted(HEADS - {asked.noun})])


#: Role words that say only that someone heads a body, whatever the body calls its head.
_GENERIC_HEADS = LEADS - {"director"}


def names_holder(sentence: str, asked: AskedHolder, context: str = "") -> bool:
    """Whether ``sentence`` names the person holding the asked role beside the role's word
    ("President Shavkat Mirziyoyev", "Uzbekistan's president, Shavkat Mirziyoyev", "Shavkat
    Mirziyoyev, the president of Uzbekistan"), and the sentence or its ``context`` (the
    article's title) names what the question names ("Uzbek", "Uzbekistan"). The head,
    leader, chief or boss of a body is whoever the sentence names as any of its ``HEADS``
    ("Khadicha Abysheva, Sana Sezim's president"), not a deputy or vice-president."""
    if asked.narrowing:
        role_words = rf"{asked.narrowing}\s+{asked.noun}"
    elif asked.noun in _GENERIC_HEADS:  # "the head of Sana Sezim": its president, its chair …
        role_words = "|".join(sorted(HEADS))
    else:
        role_words = asked.noun
    role = rf"(?<![Vv]ice )(?<![Vv]ice-)(?<![Dd]eputy )(?i:{role_words})"
    before = rf"\b{role}\b,?\s+(?P<name>{_NAME.pattern})"
    after = (
        rf"(?P<name>{_NAME.pattern}),\s+(?:(?i:the|a|an)\s+|(?:[\w-]+\s+){{0,2}}?[\w-]+['’]s\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}?"
        rf"{role}\b"
    )
    if not any(
        not _NOT_NAME_WORDS.search(found.group("name"))
        for pattern in (before, after)
        for found in re.finditer(pattern, sentence)
    ):
        return False
    words = [w.casefold() for w in re.findall(r"\w+", f"{sentence} {context}")]
    return all(any(_same_stem(name.casefold(), w) for w in words) for name in asked.names)


def _same_stem(name: str, word: str) -> bool:
    """Whether a word of the text stands for a name of the question: the same word, or one
    is the other's start of five letters or more ("Uzbek" / "Uzbekistan")."""
    shorter, longer = sorted((name, word), key=len)
    return (len(shorter) >= 5 and longer.startswith(shorter)) or name == word


_ASKS_WHAT_SAID = LazyPattern(
    r"^\W*what\s+(?:did|does|do|has|have|had|is|was)\s+(?P<who>.+?)\s+(?:(?:have\s+)?"
    r"(?:to\s+)?(?:say|said|tell|told|think|argue|argued|claim|claimed|warn|warned|write|"
    r"wrote|add|added|predict|predicted)|saying|telling)\b",
    re.I,
)


def asked_speaker_name(question: str) -> str | None:
    """The surname a "What did <person> say (about …)?" question asks about ("What did
    Ursula von der Leyen say?" → "Leyen"), or None for another question, and for one that
    asks for the words of a role ("What did Vell's premier say?", see
    ``asked_speaking_role``)."""
    found = _ASKS_WHAT_SAID.search(question)
    if found is None or asked_speaking_role(question) is not None:
        return None
    named = re.findall(rf"[{CAPITALS}][\w’'\-]*[{SMALL_LETTERS}][\w’'\-]*", found.group("who"))
    return named[-1] if named else None


_NAME_WORD = rf"[{CAPITALS}][\w\-]*[{SMALL_LETTERS}][\w\-]*"
#: Lower-case words that stand inside a person's name ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset("von van der den de da del la le al bin ibn".split())


def asked_person(question: str) -> str | None:
    """The person a "What did <person> say (about …)?" question names, as it names them
    ("What did Ann Bell tell the court?" → "Ann Bell"); None when it asks about a role
    or a body ("What did the harbour master say?", "What did Bell's lawyer say?",
    "What did Harbour Media claim?") or is another question."""
    found = _ASKS_WHAT_SAID.search(question)
    if found is None:
        return None
    words = found.group("who").split()
    if not 1 <= len(words) <= 4 or not words[0][0].isupper():
        return None
    for word in words:
        if word in _NAME_PARTICLES:
            continue
        plain = re.sub(r"[’']s?$", "", word)
        if plain != word or not re.fullmatch(
            rf"[{CAPITALS}][\w\-]*[{SMALL_LETTERS}][\w\-]*", plain
        ):
            return None  # a possessive ("Bell's lawyer") or no name
        if is_organisation_word(plain.casefold()) or is_demonym(plain):
            return None
    return " ".join(words)


def speaks_in(text: str, surname: str) -> bool:
    """Whether ``text`` tells that the person (or body) ``surname`` said something, in any
    of the ways news does: "Bell said …", "Bell, the harbour master, told …", "…, said Ann
    Bell.", "Bell has long argued …", "according to Bell", "a Bell spokesman …", "a
    statement from Bell", "Bell called the plan “a disgrace”" (in any case: some corpora
    are lower-cased)."""
    name = rf"\b{re.escape(surname)}\b"
    return (
        re.search(
            rf"{name}(?:\s+and\s+\w[\w\-]*(?:\s+\w[\w\-]*)?)?(?:,[^,.;“”\"]{{1,80}})?,?\s+"
            rf"(?:(?:has|had|have)\s+)?(?:\w+ly\s+|also\s+|later\s+|then\s+|long\s+|again\s+)?"
            rf"{_VERBS}\b"
            rf"|\b{_VERBS_BEFORE_SPEAKER}\s+(?:(?!{_NOT_BEFORE_SPEAKER}\b)\S+\s+){{0,4}}?{name}"
            rf"(?!\s+(?:{_NOT_BEFORE_SPEAKER}|{_AUXILIARY}|\w+ed)\b)"
            rf"|\baccording\s+to\s+(?:\S+\s+){{0,4}}?{name}"
            rf"|{name}(?:['’]s?)?\s+(?:\w+\s+)?{_VOICE}"
            rf"|{_VOICE}\s+(?:by|from|of|for)\s+(?:\S+\s+){{0,3}}?{name}"
            rf"|{name}(?:,[^,.;“”\"]{{1,80}})?,?\s+(?:\w+ly\s+)?{_CALLS}\s+[^.;“”\"]{{0,60}}[“\"]",
            text,
            re.I,
        )
        is not None
    )


#: Verbs that give someone's words by what they call a thing: "Vik called the decision “a
#: slap in the face”" quotes Vik as much as "Vik said" does, when a quotation follows.
_CALLS = r"(?:called|calls|branded|brands|dubbed|dubs|labell?ed|labels|termed|terms)"
#: Who or what speaks for a person or body: "a Bell spokesman", "a statement from Bell".
_VOICE = r"(?:spokes(?:man|woman|person)|statement|report|official|representative)s?\b"
#: Words between "said" and a name that make the name not the speaker's ("said of Bell").
_NOT_BEFORE_SPEAKER = "(?:of|about|to|on|with|for|at|by|that)"
#: A verb after "said <name>" makes the name the subject of what was said ("said Bell was").
_AUXILIARY = "(?:was|is|were|are|had|has|have|would|will|could|can|did|does|should|may|might|must)"


def quotes_person(sentence: str, surname: str) -> bool:
    """Whether a sentence gives the words of the person ``surname`` in quotation marks,
    naming them beside a verb of speech outside the quotation ("“This is a witch hunt,”
    Trump said of James.", "“…,” said Donald Trump.") or calling something what the
    quotation says ("Vik, the chairman, called the decision “a slap in the face”")."""
    (read,) = _read_paragraph([sentence], 0)
    if not read.quoted:
        return False
    name = re.escape(surname)
    beside = (
        rf"\b{name}\s+(?:\w+ly\s+)?{_VERBS}\b"
        rf"|\b{_VERBS_BEFORE_SPEAKER}\s+(?:\S+\s+){{0,3}}?{name}\b"
        rf"|\b{name}(?:,[^,.;“”]{{1,80}})?,?\s+(?:\w+ly\s+)?{_CALLS}\s+[^.;“”]{{0,60}}“"
    )
    return re.search(beside, read.outside) is not None


def holds_quote(sentence: str) -> bool:
    """Whether a sentence holds someone's words in quotation marks (more than a term or a
    title), or closes a quotation ("… all we had hoped for," he said.")."""
    (read,) = _read_paragraph([sentence], 0)
    return read.quoted


def reports_speech_of(sentence: str, surname: str) -> bool:
    """Whether a sentence tells, outside any quotation, what the person ``surname`` says,
    naming them beside a verb of speech ("The harbour master says he followed the rules …", "Doe
    told reporters …", "…, said Doe.", "…, according to Doe"), not only speaking of them ("A
    press officer says Doe is worried …")."""
    (read,) = _read_paragraph([sentence], 0)
    name = re.escape(surname)
    beside = (
        rf"\b{name}\s+(?:\w+ly\s+|also\s+)?{_VERBS}\b"
        rf"|\b{_VERBS_BEFORE_SPEAKER}\s+(?:\S+\s+){{0,3}}?{name}\b(?=\s*(?:[,.;:!?]|$))"
        rf"|\b(?i:according)\s+to\s+(?:\S+\s+){{0,4}}?{name}\b"
    )
    return re.search(beside, read.outside) is not None


def speaker_surname(sentence: str) -> str | None:
    """The surname of the person a sentence names outside its quotation marks ("“…,” Mr
    Doe said." → "Doe", "Jane Doe says …" → "Doe"), or None when it names nobody."""
    (read,) = _read_paragraph([sentence], 0)
    at = _first_name_at(read.outside, frozenset())
    if at is None:
        return None
    found = _NAME.match(read.outside, at) or re.compile(_WORD).match(read.outside, at)
    return found.group().split()[-1] if found else None


def gives_words_of(raw: str, article: Article, sentence: Span, surname: str) -> bool:
    """Whether ``sentence`` of ``article`` gives in quotation marks the words of the person
    ``surname``: naming them itself (``quotes_person``) or through the sentence that says
    who speaks there ("Jane Doe says …" before "“…,” she said.", see ``speaker_for``)."""
    text = " ".join(raw[sentence.start : sentence.end].split())
    if quotes_person(text, surname):
        return True
    if not holds_quote(text):
        return False
    speaker = speaker_for(raw, article, sentence)
    if speaker is None:
        return False
    naming = " ".join(raw[speaker.start : speaker.end].split())
    # The person who speaks there, not one the sentence only names ("…, telling Doe to sit").
    return speaker_surname(naming) == surname or speaks_in(naming, surname)


def quote_opening(raw: str, article: Article, sentence: Span) -> Span | None:
    """The sentence of ``sentence``'s paragraph that opens the quotation ``sentence``
    closes or goes on with ("“When we started, nobody believed us." before "… it is work
    for a group,” commented Jane Doe."): shown alone, its words would have a closing mark
    and no opening one. None when ``sentence`` stands inside no quotation opened before it
    in its paragraph."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= sentence.start), default=None)
    if holding is None:
        return None
    read = _sentences(raw, paragraphs, range(holding, holding + 1))
    at = next((i for i, s in enumerate(read) if s.span.start <= sentence.start < s.span.end), None)
    if at is None or at == 0 or not read[at - 1].open_at_end:
        return None
    opening = at - 1
    while opening > 0 and read[opening - 1].open_at_end:
        opening -= 1
    return read[opening].span


def quote_closing(raw: str, article: Article, sentence: Span) -> tuple[Span, ...]:
    """The sentences after ``sentence`` in its paragraph, up to the one closing the
    quotation ``sentence`` opens and leaves open ("Lee said: “No one wants this." before
    "But we must act,” she added."): shown alone, its words would have an opening mark and
    no closing one. Empty when ``sentence`` ends outside any quotation, or its quotation
    runs on past the paragraph (news reopens it there without closing it)."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= sentence.start), default=None)
    if holding is None:
        return ()
    read = _sentences(raw, paragraphs, range(holding, holding + 1))
    at = next((i for i, s in enumerate(read) if s.span.start <= sentence.start < s.span.end), None)
    if at is None or not read[at].open_at_end:
        return ()
    closing = at + 1
    while closing < len(read) and read[closing].open_at_end:
        closing += 1
    if closing >= len(read):
        return ()
    return tuple(s.span for s in read[at + 1 : closing + 1])


#: How many sentences after one naming a speaker their quote may stand.
QUOTE_WITHIN = 3


def quote_of(raw: str, article: Article, sentence: Span) -> Span | None:
    """The first of the next ``QUOTE_WITHIN`` sentences of ``article`` (in its paragraph
    or the next) that speaks for the person ``sentence`` names, so that it needs
    ``sentence`` to say who speaks ("Ursula von der Leyen welcomed the news." → "“This
    is good news …,” she said."); None when none does."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= sentence.start), default=None)
    if holding is None:
        return None
    numbers = range(holding, min(holding + 2, len(paragraphs)))
    following = [s for s in _sentences(raw, paragraphs, numbers) if s.span.start >= sentence.end]
    for later in following[:QUOTE_WITHIN]:
        if speaker_for(raw, article, later.span) == sentence:
            return later.span
    return None


def quote_goes_on(raw: str, article: Article, quote: Span, speaker: Span) -> tuple[Span, ...]:
    """The sentences right after ``quote`` in its paragraph that go on with the words of
    the person ``speaker`` names ("“We used to call such a year extreme,” he said. “Now we
    have had two.”"), up to the first that does not: the rest of what they said there."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= quote.start), default=None)
    if holding is None:
        return ()
    read = _sentences(raw, paragraphs, range(holding, holding + 1))
    going: list[Span] = []
    for later in (s for s in read if s.span.start >= quote.end):
        if not later.quoted or speaker_for(raw, article, later.span) not in (speaker, quote):
            break
        going.append(later.span)
    return tuple(going)


#: A sentence that names what it speaks of only by a definite description standing for a
#: name given before it: "The group assists …", "The company later denied …", "This
#: city has …".
_REFERS_BY_KIND = LazyPattern(
    r"^\W*(?:The|This|That)\s+(?:same\s+)?(?:group|organi[sz]ation|company|firm|agency|"
    r"charity|NGO|body|party|union|city|town|village|country|region|province|ministry|"
    r"department|bank|club|school|university|hospital|fund|foundation|network|movement|team|"
    r"court|council|institute|centre|center|airline|newspaper|broadcaster|website|"
    r"programme|program|project|campaign|alliance|coalition|militia|army|force|unit)\b"
)
#: A capitalised word that is no sentence's first word: a name (of a person, a body, a place).
_CAPITALISED = LazyPattern(rf"(?<=[\w,;:)’'”\"]\s)(?:{_WORD}|[A-Z]{{2,}})")


def referent_for(
    raw: str, article: Article, sentence: Span, asked: str | None = None
) -> Span | None:
    """The sentence right before ``sentence`` in ``article`` when ``sentence`` names what
    it speaks of only by a description standing for a name given there ("… in the office
    of the harbour charity Safe Moorings." before "The group assists …"): the name a
    "Which organisation …?" asks for stands in that sentence, not in this one. None when
    ``sentence`` names something itself after its first words (a place counts only when
    ``asked``, the kind of name the question asks for, is a place: "The group assists
    families in Harlow." still needs the group's name) or the one before names nothing.
    When a person is asked, a sentence whose subject is "they" ("They discovered …") brings
    the nearest one before it naming two people side by side (``_people_before``)."""
    text = raw[sentence.start : sentence.end]
    if asked == PERSON and _REFERS_TO_PEOPLE.match(text):
        return _people_before(raw, article, sentence)
    opening = _REFERS_BY_KIND.match(text)
    if opening is None:
        return None
    places = things(text).by_kind[PLACE] if asked != PLACE else frozenset()
    for name in _CAPITALISED.finditer(text, opening.end()):
        if not any(name.group().lower() in place for place in places):
            return None
    before = _sentences_before(raw, article, sentence)
    if not before or not _CAPITALISED.search(before[-1].outside, 1):
        return None
    return before[-1].span


def _sentences_before(raw: str, article: Article, sentence: Span) -> list[_Sentence]:
    """The sentences of ``article`` ending before ``sentence``, in its paragraph and the one
    before it, in their order."""
    paragraphs = sorted(article.paragraphs, key=lambda s: s.start)
    holding = max((i for i, p in enumerate(paragraphs) if p.start <= sentence.start), default=None)
    if holding is None:
        return []
    return [
        s
        for s in _sentences(raw, paragraphs, range(max(0, holding - 1), holding + 1))
        if s.span.end <= sentence.start
    ]


#: A sentence whose subject is "they" ("They discovered a fungus …"): the people it speaks
#: of are named before it.
_REFERS_TO_PEOPLE = LazyPattern(r"^\W*They\s+(?!said|say|told|tell)[a-z]")


def _people_before(raw: str, article: Article, sentence: Span) -> Span | None:
    """The nearest sentence before ``sentence`` (in its paragraph or the one before, at most
    ``LOOK_BACK`` back) that names two people side by side, each in full, outside quotation
    marks ("Two students, Aida Nurlan and Timur Bek, spent …" before "They discovered …";
    not "NFL and Atlanta Braves field director Ed Mangan …", one person), unless
    ``sentence`` names a person itself; None when none does."""
    if _names(raw[sentence.start : sentence.end]):
        return None
    before = _sentences_before(raw, article, sentence)
    for earlier in reversed(before[-LOOK_BACK:]):
        named = {at: name for at, name in _names(earlier.outside) if len(name.split()) >= 2}
        for at, name in named.items():
            joined = _JOINED_NAME.match(earlier.outside, at + len(name))
            if joined is not None and joined.end() in named:
                return earlier.span
    return None


#: What joins two people named side by side ("Aida Nurlan and Timur Bek").
_JOINED_NAME = LazyPattern(r",?\s+(?:and|&)\s+")


#: Roles news names one holder by under several words ("the police chief", "the head of
#: the unit").
_HEAD_ROLES = LEADS | {"commander"}


@dataclass(frozen=True, slots=True)
class SpeakingRole:
    """The role whose words a question asks for: ``phrase`` as the reply names it ("premier
    of Vell", "head of the harbour police unit"), ``forms`` the words that name the role,
    ``near`` the question's other lower-case words for it, which the words' sentence (or
    the sentence naming the holder) must hold ("harbour", "police", "unit"), and ``far``
    its names, which the article must hold ("Vell")."""

    phrase: str
    forms: frozenset[str]
    near: tuple[str, ...] = ()
    far: tuple[str, ...] = ()


#: Words of a role's phrase that qualify nothing ("the head of the unit in Vell").
_ROLE_GLUE = frozenset("the a an of in at for from on".split())


def asked_speaking_role(question: str) -> SpeakingRole | None:
    """The role a "What did <role> say …?" question asks for the words of, with no holder
    named ("What did Vell's premier say?", "What did the head of the harbour police unit
    tell reporters?"), or None: for another question, and for one naming the person ("What
    did Premier Ann Lee say?")."""
    found = _ASKS_WHAT_SAID.search(question)
    if found is None:
        return None
    # "its director" after a question on a body: the role, not the pronoun, is asked for.
    who = re.sub(
        r"^(?:the|a|an|its|his|her|their|our|your)\s+", "", found.group("who").strip(), flags=re.I
    )
    words = who.split()
    at = next((i for i, w in enumerate(words) if w.casefold() in ROLES), None)
    if at is None:
        return None
    after = words[at + 1 : at + 2]
    if after and after[0][:1].isupper():
        return None  # "Premier Ann Lee": the person is named
    if words[-1][:1].isupper() and not any(w.casefold() in ("of", "in", "at") for w in words):
        return None  # "the premier Lee"
    role = words[at].casefold()
    forms = {role} | next((set(f) for f in OFFICES if role in f), set())
    if role in _HEAD_ROLES:
        forms |= _HEAD_ROLES
    others = [re.sub(r"[’']s$", "", w) for i, w in enumerate(words) if i != at]
    near = tuple(w.casefold() for w in others if w.islower() and w not in _ROLE_GLUE)
    far = tuple(w for w in others if w[:1].isupper())
    whose = re.match(r"([A-Z][\w-]*)[’']s\s+(.+)$", who)
    phrase = f"{whose.group(2)} of {whose.group(1)}" if whose else who
    return SpeakingRole(phrase, frozenset(forms), near, far)


def voices_role(raw: str, article: Article, sentence: Span, role: SpeakingRole) -> bool:
    """Whether the sentence gives the words of someone holding ``role`` in an article that
    names the role's names: it names the role beside a verb of speech ("The premier said
    …", "…, the head of the unit told reporters."), or its speaker's sentence does, or it
    tells the words of the role's holder whom the article names with the role ("Premier
    Ann Lee" … "Lee said …", or "He said …" whose speaker's sentence names Lee); the role's
    other words stand in the sentence that names it, or that sentence holds one of them and
    the story's headline or lede the others."""
    if not all(_holds_word(raw, name) for name in role.far):
        return False
    text = raw[sentence.start : sentence.end]
    speaker = speaker_for(raw, article, sentence)
    # The story's headline and lede may give the rest of whose role it is ("Island Ferry
    # Timetable Cut" for "the company's chief executive" asked as "the ferry company's …").
    lede = article.paragraphs[0] if article.paragraphs else Span(0, 0)
    story = f"{article.title} {raw[lede.start : lede.end]}"
    for naming in (text, raw[speaker.start : speaker.end] if speaker else ""):
        held = [_holds_word(naming, w) for w in role.near]
        if _role_speaks(naming, role) and (
            all(held)
            or (
                any(held)
                and all(h or _holds_word(story, w) for h, w in zip(held, role.near, strict=True))
            )
        ):
            return True
    holders = _holders(raw, role)
    if speaker is not None and voices_someone(text):
        # "He said …" after the sentence naming the holder ("The mines minister, Paul
        # Kapata, will meet …"): the holder's words.
        naming = raw[speaker.start : speaker.end]
        if any(re.search(rf"\b{re.escape(surname)}\b", naming) for surname in holders):
            return True
    return any(
        reports_speech_of(text, surname) or quotes_person(text, surname) for surname in holders
    )


def _holds_word(text: str, word: str) -> bool:
    """Whether the text holds the word or a form of it sharing its first five letters
    ("Vellish" for "Vell's" no, "Kelsani" for "Kelsan" yes)."""
    stem = re.escape(word[:5] if len(word) > 5 else word)
    return re.search(rf"\b{stem}", text, re.I) is not None


def _role_pattern(role: SpeakingRole) -> str:
    return "(?:" + "|".join(re.escape(f) for f in sorted(role.forms, key=len, reverse=True)) + ")"


def _role_speaks(sentence: str, role: SpeakingRole) -> bool:
    """Whether a sentence names the role beside a verb of speech, outside any quotation."""
    (read,) = _read_paragraph([sentence], 0)
    forms = _role_pattern(role)
    beside = (
        rf"\b{forms}\b[^.;“”\"]{{0,80}}?\b{_VERBS}\b"
        rf"|\b{_VERBS_BEFORE_SPEAKER}\s+(?:\S+\s+){{0,4}}?{forms}\b"
        rf"|\baccording\s+to\s+(?:\S+\s+){{0,4}}?{forms}\b"
    )
    return re.search(beside, read.outside, re.I) is not None


def _holders(raw: str, role: SpeakingRole) -> set[str]:
    """The surnames the article gives the role's holders ("Premier Ann Lee", "the premier,
    Ann Lee,"), where the role's other words stand just before ("harbour police chief Ann
    Lee")."""
    forms = _role_pattern(role)
    named = rf"(?i:{forms})\s*,?\s+((?:[{CAPITALS}][\w’'\-]+\s+){{0,2}}[{CAPITALS}][\w’'\-]+)"
    return {
        m.group(1).split()[-1]
        for m in re.finditer(named, raw)
        if all(_holds_word(raw[max(0, m.start() - 60) : m.end()], w) for w in role.near)
    }
