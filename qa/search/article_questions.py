"""Questions about an article itself, answered from its metadata: who wrote it, which
outlet published it, when, and under what title.

``article_question`` says whether a question asks for one of those fields and about
which article (a title quoted or written out in the question, or a word such as "it",
"that", "this article" standing for the article in view). ``answer_about_article``
answers it for a given article, citing the line the value was read from: the byline
for the author, the dateline for the date, the credit or byline line for the outlet,
the title line for the title; a wire dateline opening the text ("LONDON (Reuters) -")
is cited alone, not with the paragraph it opens. The value is the one ingest recorded;
the cited line is found again by the same parsers that read it (``qa.ingest.metadata``),
and a date is said as that line writes it ("Feb. 23, 2015").
A value nobody states is said to be unknown (an "Updated …" date is said as the update it
is, never as the publication date); a value from a sidecar, front matter or HTML meta
tags is said to come from the file's metadata and cites the article's title line; an
``inferred`` outlet is said to be inferred, a title qa derived from the first sentence is
said to be no stated title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from qa.patterns import LazyPattern
from qa.records import (
    DERIVED,
    INFERRED,
    METADATA,
    UNKNOWN,
    Answer,
    Article,
    Citation,
    Passage,
    Span,
)
from qa.text import collapse_whitespace

AUTHOR, OUTLET, PUBLISHED, TITLE = "author", "outlet", "published", "title"

_FIELD_PATTERNS = (
    (
        AUTHOR,
        LazyPattern(
            r"\bwho\s+(?:wrote|authored|penned|writes)\b"
            r"|\bwho(?:\s+is|\s+was|['’]s)\s+the\s+(?:author|writer)\b"
            r"|\bwho(?:\s+is|\s+was|['’]s)\s+the\s+(?:journalist|reporter|correspondent)\s+"
            r"(?:behind|of|on|for|who\s+(?:wrote|filed))\b"
            r"|\bwhat(?:\s+is|['’]s)\s+the\s+(?:name\s+of\s+the\s+)?author\b"
            r"|\bwritten\s+by\s+whom\b|\bby\s+whom\s+(?:was|is)\b.*\bwritten\b"
            r"|\bwho\s+(?:is|was)\s+(?:it|this|that)\s+(?:written\s+)?by\b"
            r"|\bits\s+(?:author|byline)\b|\bthe\s+byline\s+(?:of|on|for)\b"
            r"|\bwho\s+(?:are|were)\s+the\s+(?:authors|writers|journalists|reporters|correspondents)"
            r"\s+(?:of|behind|on|for|who)\b"
            r"|\b(?:which|what)\s+(?:journalists?|reporters?|writers?|correspondents?)\s+"
            r"(?:wrote|filed|reported|covered)\b"
            r"|\bwho\s+(?:reported|filed|covered)\s+(?:the|this|that)\s+(?:article|story|piece|report)\b"
            r"|\bwho\s+(?:reported|has\s+reported|covered|has\s+written)\s+(?:on|about)\b",
            re.I,
        ),
    ),
    (
        PUBLISHED,
        LazyPattern(
            r"\bwhen\s+(?:was|were|did|is)\b.*\b(?:published|posted|written|released|"
            r"come\s+out|came\s+out|appear(?:ed)?)\b"
            r"|\b(?:publication|publishing)\s+date\b|\bdate\s+of\s+publication\b"
            # "What's the date of the flood story?": a piece's date is when it appeared.
            r"|\bwhat(?:\s+is|\s+was|['’]s)\s+the\s+date\s+(?:of|on)\s+(?:the|this|that|its)\s+"
            r"(?:[\w'’.-]+\s+){0,8}?(?:article|story|piece|report|column|post)\b"
            r"|\bwhen\s+(?:is|was)\s+(?:the|this|that|it)\b.*\bdated\b"
            r"|\bwhat\s+(?:date|day|year)\b.*\b(?:published|posted|written)\b",
            re.I,
        ),
    ),
    (
        OUTLET,
        LazyPattern(
            r"\b(?:which|what)\s+(?:news\s+|media\s+)?(?:outlet|publication|newspaper|paper|"
            r"website|site|agency|magazine|journal|media|publisher)\b.*"
            r"\b(?:published|publish|publishes|ran|run|runs|carried|carry|printed|posted|from|"
            r"appear|appeared|appears|came\s+out|reported|covered|wrote)\b"
            # "Which network ran the story …?": these also run schools and cover games.
            r"|\b(?:which|what)\s+(?:news\s+|media\s+)?(?:organi[sz]ation|network|"
            r"broadcaster|channel|station|wire\s+service)\s+(?:\w+\s+){0,2}?"
            r"(?:published|ran|carried|printed|posted|reported|covered|wrote)\s+"
            r"(?:the|this|that|its)\s+(?:\w+\s+)?(?:article|story|piece|report|item)\b"
            r"|\bwho\s+published\b|\bwhere\s+(?:was|did|is)\b.*\b(?:published|posted|appear)"
            r"|\bwhat\s+is\s+(?:the|its)\s+(?:outlet|publisher)\b|\bits\s+(?:outlet|publisher)\b",
            re.I,
        ),
    ),
    (
        TITLE,
        LazyPattern(
            r"\bwhat(?:\s+is|\s+was|['’]s)\s+(?:the\s+)?(?:title|headline)\b"
            # "What headline did the paper give its report?", "Which title ran over it?"
            r"|\b(?:what|which)\s+(?:title|headline)\s+(?:did|does|do|was|is|has|had|ran)\b"
            r"|\bwhat\s+(?:is|was)\s+(?:the|this|that)\s+(?:[\w.-]+\s+)?(?:article|story|piece|"
            r"report)\b(?:\s+[\w.'’-]+){0,8}?\s+(?:titled|headlined)\b"
            # "What is it called?" asks the name of a thing far more often than a title.
            r"|\bwhat\s+(?:is|was)\s+(?:the|this|that)\s+(?:article|story|piece|report)\s+called\b"
            r"|\bits\s+(?:title|headline)\b"
            # "What did Ana Ruiz write about?": the story a writer filed, by its title.
            r"|^\W*what\s+(?:did|does|has|have)\s+(?:\w[\w.'’-]*\s+){1,4}?"
            r"(?:write|written|report|reported|cover|covered)(?:\s+(?:about|on))?\W*$",
            re.I,
        ),
    ),
)
#: "Who wrote a letter of complaint about the article?": a writing that is no news article.
_OTHER_WRITING = LazyPattern(
    r"\bwho\s+(?:wrote|authored|penned|writes)\s+(?:(?:a|an|the|this|that|his|her|their|its)\s+)?"
    r"(?:(?!(?:article|piece|story|report|column|essay|analysis|feature|post)s?\b)[\w-]+\s+)"
    r"{0,2}?(?:letters?|songs?|books?|novels?|poems?|plays?|laws?|bills?|speech(?:es)?|"
    r"e-?mails?|messages?|complaints?|petitions?|scripts?|lyrics|anthems?|constitution|"
    r"manifesto|memo)\b",
    re.I,
)
# Words that make the question about an article rather than about something it mentions.
_ARTICLE_WORDS = LazyPattern(
    r"\b(?:article|piece|story|analysis|essay|column|op-ed|commentary|post|feature|"
    r"field\s+report|blog\s+post|news\s+item)s?\b",
    re.I,
)
#: Kinds of news piece a question may name an article by ("the takeaways from …").
_GENRE = LazyPattern(
    r"\b(?:takeaways?|explainer|review|obituary|editorial|interview|profile|recap|preview|"
    r"timeline|factbox|fact\s+check|live\s+updates|opinion|analysis|report(?:age)?|"
    r"investigation|exclusive|dispatch|account)\b",
    re.I,
)
_POINTING = LazyPattern(
    r"\b(?:wrote|written|published|posted|author\s+of|title\s+of|headline\s+of|called|from|"
    r"is|was)\s+(?:it|this|that)\b|\bits\s+(?:author|outlet|publisher|title|headline)\b"
    r"|\b(?:this|that)\s+(?:one|source|text|report|article|piece|story)\b",
    re.I,
)
# "Who wrote about X?", "Which outlet reported X?", "the article on X": the X an article
# is asked about, to be found in the best passage.
_TOPIC = LazyPattern(
    r"(?:\b(?:wrote|written|writing)\s+(?:about|on)\s+"
    r"|\b(?:reported|reporting|covered|covering)\s+(?:about\s+|on\s+)?)(?P<topic>\w.*)"
    r"|\b(?:article|piece|story|report|analysis|column|feature)\s+(?:about|on)\s+(?P<on>\w.*)",
    re.I,
)
# "When was the article on X published?": the verb closing the question is no part of X.
_TOPIC_END = LazyPattern(
    r"(?:\s+(?:first\s+)?(?:published|posted|written|printed|released))?[\s?!.]*$", re.I
)
_QUOTED = LazyPattern(r"[\"“”'‘’«]([^\"“”«»]{8,}?)[\"“”'‘’»](?=[\s?.!,;:)]|$)")
_NON_WORD = LazyPattern(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class ArticleQuestion:
    """A question about an article itself: which metadata ``field`` it asks for.

    ``names_article`` is True when the question names or points at an article
    (a quoted or written-out title, "this article", "it"); ``quoted`` holds the
    quoted phrases, which a title lookup can use.
    """

    field: str
    names_article: bool
    quoted: tuple[str, ...] = ()
    topic: str | None = None  # "Who wrote about X?": X, which the article must be about


def article_question(question: str) -> ArticleQuestion | None:
    """What the question asks about an article's metadata, or None if it asks no such thing.

    "Who wrote 'Kazakhstan: Grappling with Human Trafficking'?" asks for the author;
    "When was it published?" for the date; "Who wrote the novel Pride and Prejudice?"
    asks for an author but names no article (``names_article`` False).
    """
    for field, pattern in _FIELD_PATTERNS:
        if pattern.search(question):
            quoted = tuple(found.group(1).strip() for found in _QUOTED.finditer(question))
            about = None if quoted else _TOPIC.search(question)
            topic = about and _TOPIC_END.sub("", about.group("topic") or about.group("on"))
            names = not _OTHER_WRITING.search(question) and bool(
                quoted or topic or _ARTICLE_WORDS.search(question) or _POINTING.search(question)
            )
            return ArticleQuestion(field, names, quoted, topic or None)
    return None


#: "…, and when?", "… and by whom?": a last part of a few words asking one more field.
_ALSO_ASKED = LazyPattern(r",?\s+and\s+(?P<word>when|where|by\s+whom|who)\s*[?!.]*$", re.I)
_ALSO_FIELD = {"when": PUBLISHED, "where": OUTLET, "by whom": AUTHOR, "who": AUTHOR}


def asked_fields(question: str, parts: Callable[[str], Sequence[str]]) -> tuple[str, ...]:
    """Every field a question about an article asks, in the order it asks them: "Who
    wrote X and when was it published?" asks the author and the date, "Which outlet ran X,
    and when?" the outlet and the date. Empty when any part of the question asks something
    else ("Whose review …, and when was it published?" asks about the review's subject).
    ``parts`` splits a question into the questions it asks."""
    also = _ALSO_ASKED.search(question)
    head = f"{question[: also.start()]}?" if also else question
    fields = []
    for part in parts(head):
        asked = article_question(part)
        if asked is None:
            return ()
        fields.append(asked.field)
    if also:
        fields.append(_ALSO_FIELD[" ".join(also["word"].casefold().split())])
    return tuple(dict.fromkeys(fields))


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """The indexed articles by title and by author, to find the one article a question
    names as its source (``named_in``). Built once per index snapshot: looking a question up
    costs a few dictionary reads, however many articles there are."""

    by_title: dict[str, tuple[Article, ...]]
    by_author: dict[str, tuple[Article, ...]]
    by_surname: dict[str, frozenset[str]]

    @classmethod
    def of(cls, articles: Iterable[Article]) -> ArticleNames:
        """The names of ``articles``: titles of three words or more, and stated authors of
        two words or more (a value of ``unknown`` provenance names no one)."""
        titles: dict[str, list[Article]] = {}
        authors: dict[str, list[Article]] = {}
        for article in articles:
            title = _words(article.title)
            if len(title.split()) >= 3:
                titles.setdefault(title, []).append(article)
            author = _words(article.author or "")
            if len(author.split()) >= 2 and article.provenance.get(AUTHOR) != UNKNOWN:
                authors.setdefault(author, []).append(article)
        surnames: dict[str, set[str]] = {}
        for author in authors:
            if len(author.split()[-1]) >= _SHARED_START:
                surnames.setdefault(author.split()[-1], set()).add(author)
        return cls(
            {title: tuple(found) for title, found in titles.items()},
            {author: tuple(found) for author, found in authors.items()},
            {surname: frozenset(names) for surname, names in surnames.items()},
        )

    def named_in(self, question: str) -> Article | None:
        """The one article ``question`` names as its source: by its title in quotation
        marks ("In “Harbour Lights”, who …?"), or by its author named as its writer ("What
        does Jane Doe's report say about …?", "the article by Doe", "… according to Jane
        Doe?", "What does Doe write about …?") when that author wrote one indexed article and
        no other author is so named. None otherwise: "Who is Jane Doe?", "What did Doe say?"
        and "… according to Doe?" may be about her as others report her, and "reported in
        Jordan" names no Ann Jordan."""
        quoted = {_words(q) for q in _QUOTED_ANY.findall(question)}
        titled = {a.article_id: a for q in quoted for a in self.by_title.get(q, ())}
        if titled:
            return next(iter(titled.values())) if len(titled) == 1 else None
        text = _words(question)
        named = {
            author
            for author in self._authors_in(text)
            if _as_source(text, author, full=True)
            or any(_as_source(text, surname) for surname in _surnames(author))
        }
        if len(named) != 1:
            return None
        (written,) = (self.by_author[author] for author in named)
        return written[0] if len(written) == 1 else None

    def _authors_in(self, text: str) -> set[str]:
        """The authors whose full name or surname stands in ``text`` (a question's words)."""
        words = text.split()
        found = {
            " ".join(words[i : i + n])
            for n in (2, 3, 4)
            for i in range(len(words) - n + 1)
            if " ".join(words[i : i + n]) in self.by_author
        }
        for word in words:
            found |= self.by_surname.get(word, frozenset())
        return found


def _as_source(text: str, name: str, *, full: bool = False) -> bool:
    """Whether a question's words ``text`` name ``name`` as the writer of what is asked
    ("jane doe s report", "the article by doe", "doe writes"); a full name also "according
    to jane doe" (a surname alone after "according to" is more often a person quoted)."""
    cue = rf"\b{re.escape(name)} s (?:{_PIECES})\b|\b(?:{_PIECES}) by {re.escape(name)}\b"
    cue += rf"|\b{re.escape(name)} (?:writes?|wrote|argues?|argued)\b"
    if full:
        cue += rf"|\baccording to (?:(?:\w+ ){{1,4}}and )?{re.escape(name)}\b"
    return re.search(cue, text) is not None


def _surnames(author: str) -> set[str]:
    """The ways a surname of ``author`` (in question words) may be written alone: its last
    word, and all but the first ("o brien" of "tom o brien")."""
    words = author.split()
    return {words[-1], " ".join(words[1:])}


_PIECES = (
    "article|articles|piece|story|report|analysis|essay|column|op ed|commentary|feature|"
    "dispatch|blog post|post"
)


def titled_article(question: str, articles: Iterable[Article]) -> Article | None:
    """The article whose title the question quotes or writes out (case and punctuation
    aside), the longest such title when several match; None when none does."""
    text = f" {_words(question)} "
    quoted = [set(_words(q).split()) for q in _QUOTED_ANY.findall(question)]
    best: tuple[int, Article] | None = None
    for article in articles:
        title = _words(article.title)
        tokens = set(title.split())
        if len(tokens) < 3:
            continue
        matched = f" {title} " in text or any(
            len(tokens & q) >= 0.8 * max(len(tokens), len(q)) for q in quoted
        )
        if matched and (best is None or len(title) > best[0]):
            best = (len(title), article)
    return best[1] if best else None


_QUOTED_ANY = LazyPattern(r"[\"“”«]([^\"“”«»]{8,})[\"“”»]")


def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class ArticleFact:
    """The reply sentence about one article field and the span of the raw file it rests on."""

    sentence: str
    span: Span
    known: bool = True  # False: the article does not state it, and the sentence says so


def article_fact(field: str, article: Article, raw_text: str) -> ArticleFact:
    """The reply for ``field`` of ``article`` and the line it was read from.

    ``raw_text`` is the decoded text of the article's file (what citations point into).
    """
    value = getattr(article, field)
    provenance = article.provenance.get(field, UNKNOWN if value is None else METADATA)
    title_span = _title_span(article, raw_text)
    name = f"“{article.title}”"
    if value is None or provenance == UNKNOWN:
        updated = _updated(article, raw_text) if field == PUBLISHED else None
        if updated is not None:
            said = f"{name} doesn't state when it was published; it was updated on {updated[0]}."
            return ArticleFact(said, updated[1], known=False)
        return ArticleFact(_unknown(field, name, article), title_span, known=False)
    if provenance == DERIVED:  # a title qa made from the first sentence
        return ArticleFact(f"The article states no title; qa calls it {name}.", title_span)
    span = _source_span(field, value, article, raw_text) if provenance != METADATA else None
    shown = _shown(value, raw_text, span)
    if field == TITLE:
        sentence = f"The article's title is {name}."
    elif field == AUTHOR:
        sentence = f"{name} was written by {shown}."
    elif field == PUBLISHED:
        sentence = f"{name} was published on {shown}."
    else:
        sentence = f"{name} was published by {shown}."
    if provenance == INFERRED:
        sentence = sentence[:-1] + " (inferred, not stated)."
    elif provenance == METADATA:
        sentence = sentence[:-1] + " (from the file's metadata)."
    return ArticleFact(sentence, span or title_span)


def answer_about_article(
    question: str, article: Article, raw_text: str, *, score: float = 1.0
) -> Answer | None:
    """Answer a question about ``article``'s author, outlet, publication date or title from
    its metadata, citing the line the value was read from (marker 1); None when the
    question asks for none of these. A value the article does not state is said to be
    unknown, and the answer counts as an abstention: there is no fact to give.

    ``raw_text`` is the decoded text of the article's file, as
    ``Storage.file_text(article.path)`` returns it. The question is taken to be
    about ``article`` whatever it names: the caller chose the article.
    """
    asked = article_question(question)
    if asked is None:
        return None
    fact = article_fact(asked.field, article, raw_text)
    passage = Passage.of_span(1, article, raw_text, fact.span, score)
    cited = (Citation.of(passage),)
    return Answer(question, f"{fact.sentence} [1]", not fact.known, cited, (passage,), {})


def _unknown(field: str, name: str, article: Article) -> str:
    if field == PUBLISHED:
        estimate = article.published_estimate
        said = f"{name} doesn't state when it was published."
        return f"{said[:-1]}; {estimate}." if estimate else said
    noun = {AUTHOR: "its author", OUTLET: "the outlet that published it", TITLE: "a title"}
    return f"{name} doesn't state {noun[field]}."


#: A date written out in a line: "Feb. 23, 2015", "23rd February 2015", "2015-02-23".
_WRITTEN_DATE = LazyPattern(
    r"\b(?:[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r")\b|\b\d{4}-\d{2}-\d{2}(?!\d)"
)


def _shown(value: object, raw_text: str, span: Span | None) -> str:
    """A field's value as the reply says it: a date as the line it was read from writes it
    ("Feb. 23, 2015": the reply quotes the page, and a reader finds it there), else as
    ``_format`` does."""
    if isinstance(value, date) and span is not None:
        from qa.ingest.metadata import parse_dateline

        for found in _WRITTEN_DATE.finditer(raw_text, span.start, span.end):
            if parse_dateline(found.group()) == value:
                return found.group()
    return _format(value)


def _format(value: object) -> str:
    """A field's value as a reply says it: "2 March 2024"; several authors (kept as
    "Ann Bell; Tom Reed; Joe Hale") as "Ann Bell, Tom Reed and Joe Hale"."""
    if isinstance(value, date):
        return f"{value.day} {value:%B} {value.year}"
    *names, last = str(value).split("; ")
    return f"{', '.join(names)} and {last}" if names else last


def _title_span(article: Article, raw_text: str) -> Span:
    for span in article.header:
        if collapse_whitespace(raw_text[span.start : span.end]) == article.title:
            return span
    spans = [*article.header, *article.paragraphs]
    return spans[0] if spans else Span(0, 0)


def _source_span(field: str, value: object, article: Article, raw_text: str) -> Span | None:
    """The line of the article's page that states ``value``, nearest to the article first."""
    # Ingest's readers, imported here: only a question about an article's facts needs them.
    from qa.ingest import metadata

    readers = {
        AUTHOR: (metadata.parse_byline, metadata.parse_signature, _name_line),
        PUBLISHED: (metadata.parse_dateline, metadata.find_date),
        OUTLET: (
            metadata.outlet_from_byline,
            metadata.outlet_from_credit,
            metadata.outlet_from_name_line,
            metadata.outlet_line,
            lambda line: metadata.title_and_site(collapse_whitespace(line))[1],
        ),
        TITLE: (_name_line,),
    }
    lines = list(_nearby_lines(article, raw_text))
    for read in readers[field]:  # in the order ingest trusts them
        for span in lines:
            if read(raw_text[span.start : span.end]) == value:
                return span
    if field in (OUTLET, PUBLISHED) and article.paragraphs:  # "LONDON (Reuters) - …"
        first = min(article.paragraphs, key=lambda p: p.start)
        wire = metadata.read_wire_dateline(raw_text[first.start : first.end])
        if wire is not None and value in (wire.outlet, wire.published):
            return Span(first.start, first.start + wire.length)
    if field == AUTHOR and article.paragraphs:  # an author's note closing the text
        last = max(article.paragraphs, key=lambda p: p.start)
        if metadata.author_from_bio(raw_text[last.start : last.end]) == value:
            return last
    if field == OUTLET:  # a reporter naming the outlet inside a paragraph
        for paragraph in article.paragraphs:
            text = raw_text[paragraph.start : paragraph.end]
            if metadata.outlet_from_text(text) == value:
                return paragraph
    return None


def _updated(article: Article, raw_text: str) -> tuple[str, Span] | None:
    """The date of an "Updated …" line of the article's page and that line, if one is there
    (an update is no publication: it is said as what it is)."""
    from qa.ingest import metadata

    for span in _nearby_lines(article, raw_text):
        line = raw_text[span.start : span.end]
        if metadata.is_update_line(line) and (when := metadata.parse_dateline(line)):
            return _shown(when, raw_text, span), span
    return None


def _name_line(line: str) -> str | None:
    return collapse_whitespace(line) or None


#: How many lines before an article's first line and after its last one its header,
#: dateline, signature and credit lines are looked for.
_LINES_AROUND = 12


def _nearby_lines(article: Article, raw_text: str) -> Iterator[Span]:
    """The header lines of the article, the lines between its header and its text (a
    dateline under the byline), then lines above its start and below its end, nearest
    first."""
    yield from article.header
    spans = [*article.header, *article.paragraphs]
    if not spans:
        return
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    if article.header and article.paragraphs:
        header_end = max(s.end for s in article.header)
        yield from _lines(raw_text, header_end, min(s.start for s in article.paragraphs))
    above = list(_lines(raw_text, 0, first))[-_LINES_AROUND:]
    below = list(_lines(raw_text, last, len(raw_text)))[:_LINES_AROUND]
    for i in range(max(len(above), len(below))):
        if i < len(above):
            yield above[-1 - i]
        if i < len(below):
            yield below[i]


def _lines(raw_text: str, start: int, end: int) -> Iterator[Span]:
    position = start
    for line in raw_text[start:end].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield Span(position + lead, position + lead + len(stripped))
        position += len(line)


def article_in_question(
    question: str,
    asked: ArticleQuestion,
    articles: Iterable[Article],
    ranked: Sequence[Article],
    analyse: Callable[[Sequence[str]], list[list[str]]],
    *,
    on_topic: bool,
    texts: Sequence[str] = (),
) -> Article | None:
    """The article a metadata question is about.

    In order: the one it names by title; the one whose author it names ("Marat
    Yermukanov's report"; only when one article has that author); the one it describes
    by words of its title or outlet ("the Fergana article on IS followers", see
    ``described_article``); else, when the question points at an article at all and the
    passages are ``on_topic``, the best passage's article (``ranked[0]``); when the
    question says what the article is about ("Who wrote about X?"), the article of the best
    passage whose text (``texts``, the passages' texts beside ``ranked``) holds all the
    terms of that topic, else None.
    ``ranked`` holds the retrieved passages' articles, best first; ``analyse`` is the
    lexical index's analyser (stemming, stop words), so descriptions match as search does.
    """
    articles = list(articles)
    titled = titled_article(question, articles)
    if titled is not None:
        return titled
    text = f" {_words(question)} "
    by_author = [
        a
        for a in articles
        if a.author and len(a.author.split()) >= 2 and f" {_words(a.author)} " in text
    ]
    if asked.field != AUTHOR and len(by_author) == 1:
        return by_author[0]
    described = described_article(question, articles, ranked, analyse)
    if not asked.names_article:
        # "Who wrote the takeaways from Trump's testimony?" names an article only by words
        # of its title: two or more, all of them in one title, and a kind of piece of
        # writing; "Who wrote the mayor's budget?" asks about the budget, not the article.
        named = (
            described is not None and _GENRE.search(question) and _described_by(question, analyse)
        )
        return described if named else None
    if described is not None:
        return described
    if not ranked or not on_topic:
        return None
    if asked.topic is None:
        return ranked[0]
    topic = set(analyse([asked.topic])[0]) - set(analyse([_ASKING_WORDS])[0])
    about = analyse([f"{a.title} {text}" for a, text in zip(ranked, texts, strict=True)])
    holding = (a for a, terms in zip(ranked, about, strict=True) if _holds(set(terms), topic))
    return next(holding, None)


def nearest_on_topic(
    asked: ArticleQuestion,
    ranked: Sequence[Article],
    texts: Sequence[str],
    analyse: Callable[[Sequence[str]], list[list[str]]],
) -> tuple[Article, list[str]] | None:
    """For a question naming an article by what it is about ("Who wrote the story about
    the harbour engineers?") whose topic no passage fully holds (``article_in_question``
    found none): the passage's article holding most of the topic's words (the best ranked
    among equals), with the words it lacks as the question writes them when it lacks half
    of them or more (the articles found are not about it), else with none (a word told
    otherwise, "fled" for "flee", does not make it another story); None when the question
    gives no topic."""
    if asked.topic is None or not ranked:
        return None
    asking = set(analyse([_ASKING_WORDS])[0])
    words = _NON_WORD.sub(" ", asked.topic).split()
    stems = {w: set(analyse([w])[0]) - asking for w in words}
    words = [w for w in words if stems[w]]
    topic = set().union(*stems.values())
    about = [
        set(terms)
        for terms in analyse([f"{a.title} {t}" for a, t in zip(ranked, texts, strict=True)])
    ]
    best = max(range(len(ranked)), key=lambda i: (_held(about[i], topic), -i))
    lacking = [w for w in words if _held(about[best], stems[w]) < len(stems[w])]
    return ranked[best], (lacking if 2 * len(lacking) >= len(words) else [])


def _described_by(question: str, analyse: Callable[[Sequence[str]], list[list[str]]]) -> bool:
    """Whether the question has two or more words beyond those saying what is asked."""
    return len(set(analyse([question])[0]) - set(analyse([_ASKING_WORDS])[0])) >= 2


def _holds(terms: set[str], topic: set[str]) -> bool:
    """Whether a passage's (and its article title's) ``terms`` hold a topic's: all of a
    topic of one or two words, else all but a quarter ("North Korea slammed South Korea
    for the drill" over "North Korea's newspaper blasted South Korea for the drill"). A
    term is held by one it begins or that begins it ("Australia" by "Australians"),
    ``_SHARED_START`` letters at least."""
    if len(topic) <= 2:
        return _held(terms, topic) == len(topic)
    return _held(terms, topic) >= 0.75 * len(topic)


def _held(terms: set[str], topic: set[str]) -> int:
    """How many of the ``topic``'s terms ``terms`` hold (see ``_holds``)."""
    return sum(
        1
        for wanted in topic
        if wanted in terms
        or any(
            min(len(wanted), len(term)) >= _SHARED_START
            and (term.startswith(wanted) or wanted.startswith(term))
            for term in terms
        )
    )


#: How many letters a term and a word it begins (or that begins it) must share: "Austral"
#: of "Australia" and "Australians", never "ban" of "bank".
_SHARED_START = 5


#: Words of a metadata question that say what is asked, not which article: they never
#: count as describing an article.
_ASKING_WORDS = (
    "who wrote written writer writers author authors authored penned byline reporter reporters "
    "journalist journalists correspondent correspondents reported covered filed "
    "published publish publisher "
    "publication outlet newspaper paper website site agency magazine journal media when "
    "date day year article piece story report analysis essay column commentary post "
    "feature item title headline called name about on from of in for by to that with "
    "which what whom whose"
)


def described_article(
    question: str,
    articles: Sequence[Article],
    ranked: Sequence[Article],
    analyse: Callable[[Sequence[str]], list[list[str]]],
) -> Article | None:
    """The article the question describes by words of its title or outlet.

    The question's terms, less those that only say what is asked ("who wrote", "the
    article"), must all stand in an article's title or outlet; among several such
    articles the one ranked best by retrieval, then the first. None when no article
    has them all: "who wrote the article about travel agencies?" or "the article about
    the Davis Cup final" (a title with "Davis Cup" but not "final" may be another
    article) are left to retrieval.
    """
    asking = set(analyse([_ASKING_WORDS])[0])
    wanted = set(analyse([question])[0]) - asking
    if not wanted:
        return None
    described = analyse([f"{a.title} {a.outlet or ''}" for a in articles])
    matching = [a for a, terms in zip(articles, described, strict=True) if wanted <= set(terms)]
    rank = {a.article_id: i for i, a in reversed(list(enumerate(ranked)))}
    return min(matching, key=lambda a: rank.get(a.article_id, len(ranked)), default=None)


# "Who is Anna Berg?", "Who was A. B. Smith?": a name, nothing more.
_WHO_IS_NAMED = LazyPattern(
    r"^\s*who\s+(?:is|was)\s+(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,4})\s*\??\s*$",
    re.I,
)


def article_by_person_asked(
    question: str, articles: Iterable[Article], ranked: Sequence[Article], said: Sequence[str]
) -> Article | None:
    """The article written by the person a "Who is <name>?" asks about: one whose stated
    author is that name (case and punctuation aside), the best ranked by retrieval, then
    the first; None for another question, a name no article has as author, or when a
    sentence of the reply otherwise ``said`` names the person (by their last name)."""
    asked = _WHO_IS_NAMED.match(question)
    if asked is None:
        return None
    name = _words(asked.group("name"))
    if any(f" {name.split()[-1]} " in f" {_words(sentence)} " for sentence in said):
        return None
    written = [
        a
        for a in articles
        if a.author and a.provenance.get(AUTHOR) != UNKNOWN and _words(a.author) == name
    ]
    rank = {a.article_id: i for i, a in reversed(list(enumerate(ranked)))}
    return min(written, key=lambda a: rank.get(a.article_id, len(ranked)), default=None)


def authorship_fact(article: Article, raw_text: str) -> ArticleFact:
    """The reply saying that ``article``'s author wrote it (with its outlet and date where
    the article states them), citing the byline as "Who wrote …?" does."""
    stated = {
        field: _shown(
            getattr(article, field),
            raw_text,
            _source_span(field, getattr(article, field), article, raw_text),
        )
        for field in (OUTLET, PUBLISHED)
        if getattr(article, field) is not None
        and article.provenance.get(field, METADATA) not in (UNKNOWN, INFERRED)
    }
    said = f"{article.author} wrote “{article.title}”"
    if OUTLET in stated:
        said += f", published by {stated[OUTLET]}"
    if PUBLISHED in stated:
        said += f"{'' if OUTLET in stated else ', published'} on {stated[PUBLISHED]}"
    return ArticleFact(f"{said}.", article_fact(AUTHOR, article, raw_text).span)
