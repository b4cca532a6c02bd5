"""A page's layout: paragraphs → articles, each with its header, body and tail.

A scrape is read as a sequence of paragraphs (one per line, or one per
block of hard-wrapped lines). Each paragraph gets a kind: running ``prose``,
a ``date`` line, a ``byline``, a publication ``mark`` ("Published",
"Posted in …"), an ``end`` marker ("Continue Reading", "Read 3129 times",
"No comments"), ``junk`` (page furniture, see ``qa.ingest.boilerplate``) or a
``short`` line (titles, section labels, headings, links).

Articles are found by position:

- A *header* is a run of non-prose paragraphs followed by prose. The first header of a
  region opens its first article; a later one opens another article only when it
  carries a date, a byline or a publication mark and a title, or a title over prose
  opening with a wire dateline ("LONDON (Reuters) -"), or stands past an end marker
  ("Related stories") with a headline right over the prose (that prose is no part of
  the story before). So a page of four articles splits in four, while a sidebar of
  teasers (no prose, no dates) after the last article opens nothing, and a section
  heading inside a story ("Range and Charging") opens nothing. A byline standing over
  the next headline ("-- By Jane Doe Follow @janedoe") signs the story above it.
- The *body* runs from the header to the first end marker (or the next
  article). Trailing non-prose paragraphs of the body are its *tail*:
  signatures and credit lines, read for metadata and not indexed, except
  short closing sentences right after the prose ("He denied the charges."),
  which stay in the story. An
  end-matter label ("Editor's note:", "About the author") among the last
  lines ends the body too.
- Inside the body: furniture, runs of three or more link-like short lines,
  short lines repeated elsewhere in the file, stray lines that are only
  the author's name, and paragraphs repeated (or repeated cut short) by the
  scrape are dropped; the first copy stays.

The title is the header's first short line of four words or more (else its longest) that
is not a person's name or the publisher's (a Markdown ``#`` heading wins; a standfirst
under the headline may run longer, and is read as the story's text; a section label in
capitals, "EXCLUSIVE", titles nothing; a publisher named after a bar or a dash ending it,
"… | Herald Sun", is the outlet, not the title's). The author comes from a byline ("Reporting by …"
closing a wire story too), else a name-only line after the title ("Jane Doe,
Contributor" too), else a signature in the tail; failing those, an author's note closing
the text ("Jane Doe is a freelance reporter …", a person the rest of the text never
names) gives an *inferred* author. The date comes from a date line in the header (or a
date inside its byline, "By Jane Doe March 11, 2015 3:46 PM"), else from the tail, else
from a wire dateline opening the text ("WASHINGTON, March 3, 2024 (AP) —", "Feb. 23,
2015 -- …"). The outlet comes from the byline ("issue of the
…", "Jane Doe | Reuters | March 3, 2024"), a header line that is only a news agency's
name or the publisher's ("Riverside Ledger", "example.net"; such a line is never the
title or the author), a credit line ("From our partner …", "Source: …", "©"), a tail
line that is an outlet's name, or the agency of a wire dateline ("LONDON (Reuters) -");
failing those, a reporter naming a web address as the interviewer ("in an interview with
EurasiaNet.org") gives an *inferred* outlet, labelled so. "Told Kazinform.kz" gives
nothing. Nothing else is guessed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from qa.ingest.boilerplate import (
    ends_sentence,
    is_boilerplate,
    is_end_marker,
    is_end_matter_label,
    is_prose,
    is_short_line,
    words,
)
from qa.ingest.metadata import (
    agency_line,
    author_from_bio,
    find_date,
    is_publication_marker,
    is_update_line,
    looks_like_name,
    name_with_job,
    outlet_from_byline,
    outlet_from_credit,
    outlet_from_name_line,
    outlet_from_text,
    outlet_line,
    parse_byline,
    parse_dateline,
    parse_signature,
    publication_date,
    read_wire_dateline,
    title_and_site,
)
from qa.patterns import LazyPattern
from qa.records import Span
from qa.text import collapse_whitespace

PROSE, DATE, BYLINE, MARK, END, JUNK, SHORT = (
    "prose",
    "date",
    "byline",
    "mark",
    "end",
    "junk",
    "short",
)
_HEADER_SIGNALS = frozenset((DATE, BYLINE, MARK))
_MARKDOWN_MARKER = LazyPattern(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
_LIST_MARKER = LazyPattern(r"^(?:[-*+•·–]\s|\d{1,3}[.)]\s)")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the page: its trimmed span, its text and its kind."""

    span: Span
    text: str
    kind: str
    heading: bool = False
    when: date | None = None


@dataclass(slots=True)
class Draft:
    """An article found on the page: what the text states about it, and its kept paragraphs.

    A field missing from ``stated`` is not stated in the text; ``inferred`` holds
    fields guessed from weaker evidence (an outlet a reporter names in a sentence).
    """

    title: str | None
    stated: dict[str, object] = field(default_factory=dict)
    paragraphs: list[Span] = field(default_factory=list)
    header: list[Span] = field(default_factory=list)
    inferred: dict[str, object] = field(default_factory=dict)


def _lines(text: str, region: Span) -> Iterator[tuple[Span, bool]]:
    """Trimmed non-blank lines of ``region``, each with whether a blank line precedes it."""
    blank = True
    position = region.start
    for line in text[region.start : region.end].splitlines(keepends=True):
        start, end = position, position + len(line)
        position = end
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        lead = len(line) - len(line.lstrip())
        yield Span(start + lead, start + lead + len(stripped)), blank
        blank = False


def paragraphs_of(text: str, region: Span, *, markdown: bool = False) -> list[Paragraph]:
    """The paragraphs of ``region``: lines, with hard-wrapped blocks joined into one."""
    blocks: list[list[Span]] = []
    for span, blank_before in _lines(text, region):
        if blank_before or not blocks:
            blocks.append([span])
        else:
            blocks[-1].append(span)
    wraps = _wraps_lines(text, blocks)
    result: list[Paragraph] = []
    for block in blocks:
        for span in _join_wrapped(text, block) if wraps else block:
            result.append(_classify(text, span, markdown))
    return _headlines_over_datelines(result)


#: The widest a scrape hard-wraps its text at, in characters.
_WRAP_WIDTH = 100


def _wraps_lines(text: str, blocks: list[list[Span]]) -> bool:
    """Whether the page hard-wraps its text: more of its text sits in blocks that read as
    wrapped than in lines longer than the widest wrap. A page that writes each paragraph
    on one long line puts a headline and the publisher's name under it, or a list's items,
    on lines of their own, never one paragraph wrapped at a width."""
    longer = sum(
        span.end - span.start
        for block in blocks
        for span in block
        if span.end - span.start > _WRAP_WIDTH
    )
    wrapped = sum(
        block[-1].end - block[0].start
        for block in blocks
        if len(block) > 1 and len(_join_wrapped(text, block)) == 1
    )
    return wrapped > longer


#: Longest headline, in words, that may end as a sentence does ("Is it safe?").
_HEADLINE_WORDS = 25


def _headlines_over_datelines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A sentence-like line that opens a header and stands right over a date line or a
    byline is the headline ("Here's why it's so bad.", "Is the bar real?"), not prose; so
    is a question opening the page over running text ("Is an oxygen bar in Delhi offering
    fresh air?"), which no story opens with."""
    result = list(paragraphs)
    for i, paragraph in enumerate(result[:-1]):
        opens = i == 0 or result[i - 1].kind != PROSE
        below = result[i + 1].kind
        if (
            paragraph.kind == PROSE
            and opens
            and len(words(paragraph.text)) <= _HEADLINE_WORDS
            and (
                below in (DATE, BYLINE)
                or (i == 0 and below == PROSE and paragraph.text.rstrip().endswith("?"))
            )
        ):
            result[i] = Paragraph(paragraph.span, paragraph.text, SHORT)
    return result


def _join_wrapped(text: str, block: list[Span]) -> list[Span]:
    """A block of lines wrapped at a fixed width is one paragraph; otherwise one per line."""
    if len(block) < 2:
        return block
    lengths = [span.end - span.start for span in block]
    longest = max(lengths)
    wrapped = (
        longest <= _WRAP_WIDTH
        and all(length >= 40 and length >= 0.6 * longest for length in lengths[:-1])
        and not any(_LIST_MARKER.match(text[span.start : span.end]) for span in block[1:])
        and not any(text[span.start] == "#" for span in block)
        and not _repeats(text, block)
        and not any(_header_line(text, span) for span in block[1:])
    )
    return [Span(block[0].start, block[-1].end)] if wrapped else block


def _header_line(text: str, span: Span) -> bool:
    """A line that is a dateline, a byline or a publication mark on its own: the line a
    scrape writes under its headline, never the end of a paragraph wrapped at a width."""
    line = collapse_whitespace(text[span.start : span.end])
    return (
        parse_dateline(line) is not None
        or parse_byline(line) is not None
        or is_publication_marker(line)
    )


def _repeats(text: str, block: list[Span]) -> bool:
    """Some line starts the way the line before it starts: a scrape that repeated it."""
    heads = [text[span.start : span.end][:30] for span in block]
    return any(heads[i] == heads[i + 1] for i in range(len(heads) - 1))


def _classify(text: str, span: Span, markdown: bool) -> Paragraph:
    heading = False
    if markdown:
        marker = _MARKDOWN_MARKER.match(text[span.start : span.end])
        if marker and marker.end() < span.end - span.start:
            heading = marker.group().startswith("#")
            span = Span(span.start + marker.end(), span.end)
    line = collapse_whitespace(text[span.start : span.end])
    if markdown:
        line = _plain_markdown(line)
    if heading:
        return Paragraph(span, line, SHORT, heading=True)
    if is_end_marker(line):
        return Paragraph(span, line, END)
    when = parse_dateline(line)
    if when is not None:
        return Paragraph(span, line, DATE, when=when)
    if parse_byline(line) is not None:
        return Paragraph(span, line, BYLINE)
    if is_publication_marker(line):
        return Paragraph(span, line, MARK)
    if is_boilerplate(line):
        return Paragraph(span, line, JUNK)
    if is_prose(line) or len(words(line)) > _HEADLINE_WORDS:
        # Longer than any headline: running text whose full stop the scrape lost.
        return Paragraph(span, line, PROSE)
    return Paragraph(span, line, SHORT)


#: Markdown's inline marks that a line is read without: a link's address, an image, and
#: emphasis around the whole line ("**By Jane Doe**", "_March 3, 2024_").
_MARKDOWN_IMAGE = LazyPattern(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = LazyPattern(r"\[([^\]]+)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = LazyPattern(r"^(\*\*|__|\*|_)(\S(?:.*\S)?)\1$")


def _plain_markdown(line: str) -> str:
    """A Markdown line as it reads: "By [Jane Doe](https://…)" → "By Jane Doe", "**By Jane
    Doe**" → "By Jane Doe"; a line that is only an image reads as nothing."""
    line = _MARKDOWN_LINK.sub(r"\1", _MARKDOWN_IMAGE.sub("", line)).strip()
    emphasis = _MARKDOWN_EMPHASIS.match(line)
    return emphasis.group(2) if emphasis else line


def find_drafts(
    text: str, region: Span, *, single: bool = False, markdown: bool = False
) -> list[Draft]:
    """The articles of ``region`` of ``text``; ``single`` forbids splitting it."""
    paragraphs = paragraphs_of(text, region, markdown=markdown)
    if not any(p.kind == PROSE for p in paragraphs):
        if single and paragraphs:
            kept = [p for p in paragraphs if p.kind not in (JUNK, END)]
            return [Draft(None, {}, [p.span for p in kept])] if kept else []
        return []
    repeated = Counter(_norm(p.text) for p in paragraphs if p.kind in (SHORT, JUNK))
    headers = _headers(paragraphs, single)
    drafts = []
    for number, (head_start, body_start) in enumerate(headers):
        stop = headers[number + 1][0] if number + 1 < len(headers) else len(paragraphs)
        header, segment = paragraphs[head_start:body_start], paragraphs[body_start:stop]
        draft = _draft(text, header, segment, repeated)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _headers(paragraphs: list[Paragraph], single: bool) -> list[tuple[int, int]]:
    """(header start, body start) of every article: see the module docstring."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(paragraphs):
        if paragraphs[index].kind == PROSE:
            if not found:
                found.append((index, index))
            index += 1
            continue
        run_start = index
        while index < len(paragraphs) and paragraphs[index].kind != PROSE:
            index += 1
        if index == len(paragraphs):
            break
        if not found:
            found.append((run_start, index))
            continue
        if single:
            continue
        ends = [i for i in range(run_start, index) if paragraphs[i].kind == END]
        head = ends[-1] + 1 if ends else run_start
        # A byline over the next headline ("-- By Jane Doe") signs the story above it.
        while (
            index - head > 1
            and paragraphs[head].kind == BYLINE
            and any(_headline(p) for p in paragraphs[head + 1 : index])
        ):
            head += 1
        part = paragraphs[head:index]
        signalled = any(p.kind in _HEADER_SIGNALS for p in part)
        # A wire dateline ("LONDON (Reuters) -") only ever opens a story, so a title over
        # one starts another article even with no date line or byline of its own; so does
        # a headline over prose past the end of the article before ("Related stories"):
        # that prose is no part of it.
        if (signalled or read_wire_dateline(paragraphs[index].text)) and any(
            p.kind == SHORT for p in part
        ):
            found.append((head, index))
        elif ends and part and _headline(part[-1]):
            found.append((index - 1, index))  # the links above it are the page's
    return found


#: A field's label opening a title line: "Title: Dock strike hits Portvik".
_TITLE_LABEL = LazyPattern(r"(?:title|headline)\s*:\s*(?=\S)", re.I)


def _without_label(text: str, paragraph: Paragraph) -> Paragraph:
    """A title line without the label a scrape wrote before it ("Title: …")."""
    span = paragraph.span
    label = _TITLE_LABEL.match(text, span.start, span.end)
    if label is None:
        return paragraph
    rest = Span(label.end(), span.end)
    return Paragraph(rest, collapse_whitespace(text[rest.start : rest.end]), SHORT)


#: Fewest words of a headline: fewer make a label ("Opinion", "World News") or a name.
_HEADLINE_MIN_WORDS = 4


def _headline(paragraph: Paragraph) -> bool:
    """A short line that reads as a headline: four words or more, no person's name."""
    return (
        paragraph.kind == SHORT
        and len(words(paragraph.text)) >= _HEADLINE_MIN_WORDS
        and not looks_like_name(paragraph.text)
        and not paragraph.text.rstrip().endswith(":")
    )


def _norm(text: str) -> str:
    return collapse_whitespace(text.casefold())


def _draft(
    text: str, header: list[Paragraph], segment: list[Paragraph], repeated: Counter[str]
) -> Draft | None:
    cut = next((i for i, p in enumerate(segment) if p.kind == END), len(segment))
    for i in range(cut):
        if is_end_matter_label(segment[i].text) and cut - i <= 4 and i > 0:
            cut = i
            break
    body, after = segment[:cut], segment[cut:]
    # A credit closing the story ("This article was originally published by X.") is the
    # page speaking about the article, not its text: it goes to the tail, read for the outlet.
    last_prose = max(
        (i for i, p in enumerate(body) if p.kind == PROSE and not _credit_sentence(p.text)),
        default=None,
    )
    if last_prose is None:
        return None
    body, tail = body[: last_prose + 1], body[last_prose + 1 :]
    closing = next((i for i, p in enumerate(tail) if not _closing_sentence(p)), len(tail))
    body = body + tail[:closing]

    title_index = _title_index(header)
    if title_index is not None:
        header = [*header]
        header[title_index] = _without_label(text, header[title_index])
    title, site = (None, None)
    if title_index is not None:
        title, site = title_and_site(header[title_index].text)
    stated: dict[str, object] = {}
    author = _author(header, title_index, tail)
    if author:
        stated["author"] = author
    first = next(p for p in body if p.kind == PROSE)
    wire = read_wire_dateline(first.text)
    published = _published(header, tail) or (wire.published if wire else None)
    if published:
        stated["published"] = published
    outlet = _outlet(header, title_index, tail, after) or (wire.outlet if wire else None) or site
    inferred: dict[str, object] = {}
    if not author and (noted := _author_in_note(body)):
        inferred["author"] = noted
    if outlet:
        stated["outlet"] = outlet
    elif guessed := _outlet_named_in_text(body):
        inferred["outlet"] = guessed

    # A standfirst under the headline ("Union says talks have failed …") is the story's
    # own text: read with the body, not dropped with the header's furniture.
    standfirst = [
        p
        for i, p in enumerate(header)
        if title_index is not None
        and i > title_index
        and _headline(p)
        and not outlet_line(p.text)
        and parse_signature(p.text) is None  # "Jane Doe, Associated Press" signs it
    ]
    kept = _kept(standfirst + body, repeated, author)
    if not any(p.kind == PROSE for p in kept):
        return None
    return Draft(
        title, stated, [p.span for p in kept], _stated_header(header, title_index), inferred
    )


#: A wire story's signature or a page's credit line, never its closing sentence.
_CREDIT = LazyPattern(
    r"\b(?:reporting|editing|writing|written|compiled|produced|translated|photos?|"
    r"illustrations?)\s+by\b|^\W*(?:source|credit|contact|copyright|tags?)\b|©|@|https?:|www\.",
    re.I,
)


def _credit_sentence(text: str) -> bool:
    """A full sentence that only credits an outlet ("This article was originally published by
    Futurism."); a sentence that merely opens like a credit ("Via a spokesperson, the firm
    said …") names no outlet of a few words and stays prose."""
    outlet = outlet_from_credit(text)
    return outlet is not None and len(words(outlet)) <= 5 and "," not in outlet


def _author_in_note(body: list[Paragraph]) -> str | None:
    """The author an author's note closing the body names ("Ines Calder is an
    award-winning journalist …"), when the rest of the body never names that person (an
    article about a journalist is not by them)."""
    prose = [p for p in body if p.kind == PROSE]
    if not prose:
        return None
    name = author_from_bio(prose[-1].text)
    if name is None or any(name.split()[-1] in p.text for p in prose[:-1]):
        return None
    return name


def _closing_sentence(paragraph: Paragraph) -> bool:
    """Whether a short line after the last paragraph of prose is still the story: a sentence
    of three words or more, not in title case ("He denied the charges.", "“We are
    patient,” he added."), and no signature, credit line, link or name in brackets."""
    text = paragraph.text
    tokens = words(text)
    return (
        paragraph.kind == SHORT
        and len(tokens) >= 3
        and ends_sentence(text)
        and not text.startswith(("(", "["))
        and any(token[:1].islower() for token in tokens[1:])
        and not _CREDIT.search(text)
    )


def _stated_header(header: list[Paragraph], title_index: int | None) -> list[Span]:
    """The header lines that say what the article is and who wrote it: title and byline.

    A dateline alone is left out: as a passage of its own it would match any
    question about dates, and the date is in the article's metadata anyway.
    """
    return [
        p.span
        for i, p in enumerate(header)
        if i == title_index
        or p.kind == BYLINE
        or (
            title_index is not None
            and i > title_index
            and p.kind == SHORT
            and looks_like_name(p.text)
        )
    ]


def _title_index(header: list[Paragraph]) -> int | None:
    candidates = [i for i, p in enumerate(header) if p.kind == SHORT]
    if not candidates:
        return None
    headings = [i for i in candidates if header[i].heading]
    if headings:
        return headings[0]
    # A section label in capitals ("GRANTS/DONATIONS", "EXCLUSIVE") titles nothing: an
    # article with no other line is titled from its text instead.
    candidates = [i for i in candidates if not _section_label(header[i].text)]
    if not candidates:
        return None
    # A name line is no title, but a headline in title case ("Dock Strike Leaves Ships
    # Waiting") reads like a long name; a "Jane Doe, Reuters" byline and the publisher's
    # name ("FOX 13 News Utah (KSTU)") are no title either.
    named = [
        i
        for i in candidates
        if not (looks_like_name(header[i].text) and len(words(header[i].text)) <= 3)
        and outlet_from_byline(header[i].text) is None
        and outlet_line(header[i].text) is None
    ]
    pool = named or candidates
    # A headline comes before the standfirst that may run longer under it ("Union says
    # talks have failed after months of …"): the first line of four words or more; failing
    # one, the longest, on a tie the later (section labels come before titles).
    headlines = [i for i in pool if len(words(header[i].text)) >= _HEADLINE_MIN_WORDS]
    if headlines:
        return headlines[0]
    return max(pool, key=lambda i: (len(words(header[i].text)), i))


def _section_label(text: str) -> bool:
    """One or two words in capitals: a section's label, not a headline."""
    return len(words(text)) <= 2 and text.isupper()


def _author(header: list[Paragraph], title_index: int | None, tail: list[Paragraph]) -> str | None:
    for paragraph in header:
        if paragraph.kind == BYLINE:
            return parse_byline(paragraph.text)
    if title_index is not None:
        for paragraph in header[title_index + 1 :]:
            if paragraph.kind != SHORT or outlet_line(paragraph.text):
                continue
            if looks_like_name(paragraph.text):
                return paragraph.text
            if outlet_from_byline(paragraph.text):
                return parse_signature(paragraph.text)  # "Jane Doe, Associated Press"
            if name := name_with_job(paragraph.text):
                return name  # "Jane Doe, Contributor"
    for paragraph in tail:
        if paragraph.kind == BYLINE:
            return parse_byline(paragraph.text)
        if paragraph.kind == SHORT and (name := parse_signature(paragraph.text)):
            return name
    return None


def _published(header: list[Paragraph], tail: list[Paragraph]) -> date | None:
    # An "Updated 4 March 2024" line says when the article changed, not when it appeared.
    for paragraph in header:
        if paragraph.when is not None and not is_update_line(paragraph.text):
            return paragraph.when
    for paragraph in header:
        if paragraph.kind in (BYLINE, MARK) and (when := find_date(paragraph.text)):
            return when
    for paragraph in tail:
        if paragraph.when is not None and not is_update_line(paragraph.text):
            return paragraph.when
    for paragraph in [*header, *tail]:  # "CNNMoney (New York) First published February 1, 2016"
        if paragraph.kind != PROSE and (when := publication_date(paragraph.text)):
            return when
    return None


def _outlet(
    header: list[Paragraph], title_index: int | None, tail: list[Paragraph], after: list[Paragraph]
) -> str | None:
    for paragraph in header:
        byline = paragraph.kind == BYLINE or (
            paragraph.kind == SHORT and parse_signature(paragraph.text) is not None
        )  # "By Jane Doe, Reuters" or "Jane Doe, Associated Press"
        if byline and (outlet := outlet_from_byline(paragraph.text)):
            return outlet
    for paragraph in header:  # a news agency named alone ("Jane Doe" then "Reuters")
        if paragraph.kind == SHORT and (outlet := agency_line(paragraph.text)):
            return outlet
    for i, paragraph in enumerate(header):  # the publisher's name under the headline
        if i != title_index and paragraph.kind == SHORT and (outlet := outlet_line(paragraph.text)):
            return outlet
    for paragraph in [*header, *tail, *after]:
        if outlet := outlet_from_credit(paragraph.text):
            return outlet
    for paragraph in tail:
        if paragraph.kind == SHORT and (outlet := outlet_from_name_line(paragraph.text)):
            return outlet
    return None


def _outlet_named_in_text(body: list[Paragraph]) -> str | None:
    for paragraph in body:
        if paragraph.kind == PROSE and (outlet := outlet_from_text(paragraph.text)):
            return outlet
    return None


def _kept(body: list[Paragraph], repeated: Counter[str], author: str | None) -> list[Paragraph]:
    link_run = _link_runs(body)
    kept: list[Paragraph] = []
    seen: set[str] = set()
    norms = [_norm(p.text) for p in body]
    ordered = sorted(set(norms))
    for index, paragraph in enumerate(body):
        norm = norms[index]
        if paragraph.kind in (JUNK, END, MARK, BYLINE, DATE) or index in link_run:
            continue
        if paragraph.kind == SHORT and repeated[norm] > 1:
            continue
        if author and norm == _norm(author):
            continue
        if norm in seen:
            continue
        # A paragraph the scrape cut short and then repeated in full.
        if len(norm) >= 40 and _extended_elsewhere(norm, ordered):
            continue
        seen.add(norm)
        kept.append(paragraph)
    return kept


def _extended_elsewhere(norm: str, ordered: list[str]) -> bool:
    """Whether a longer paragraph starts with ``norm`` (``ordered``: the sorted paragraphs)."""
    after = bisect.bisect_right(ordered, norm)
    return after < len(ordered) and ordered[after].startswith(norm)


def _link_runs(body: list[Paragraph]) -> set[int]:
    """Indexes of runs of three or more consecutive link-like short lines; a list numbered
    in order ("1. Finland", "2. Norway", …) is the story's, not the page's."""
    found: set[int] = set()
    run: list[int] = []
    for index, paragraph in enumerate([*body, None]):
        if paragraph is not None and paragraph.kind == SHORT and is_short_line(paragraph.text):
            run.append(index)
            continue
        if len(run) >= 3 and not _numbered_in_order([body[i].text for i in run]):
            found.update(run)
        run = []
    return found


#: A list item's number: "1. Finland", "2) Norway".
_ITEM_NUMBER = LazyPattern(r"^\s*(\d{1,3})[.)]\s+\S")


def _numbered_in_order(lines: list[str]) -> bool:
    """Whether every line opens with the number after the one before: 1, 2, 3 …"""
    numbers = [_ITEM_NUMBER.match(line) for line in lines]
    values = [int(n.group(1)) for n in numbers if n is not None]
    return len(values) == len(lines) and all(b == a + 1 for a, b in itertools.pairwise(values))
