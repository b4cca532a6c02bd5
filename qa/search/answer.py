"""Hits → Answer: verbatim sentences with [n] markers, or an honest abstention.

The composer. The answer is made only of corpus sentences, each followed by
the marker of a listed passage whose text contains it, in three cases:

- a question about an article itself (its author, outlet, date or title) is
  answered from the article's metadata (``qa.search.article_questions``);
- when the best evidence is too weak, the answer says the articles don't
  answer, cites nothing, and the passages are shown as the closest ones;
- when the passages are on topic but none meets the question's constraints
  (a place, a year, a name it asks about; ``qa.search.answerability``), the answer
  says for what the articles don't say it, lists those constraints in
  ``missing`` and cites the closest sentence; so does a reply whose sentences give no
  figure (or date) of what is asked, or another's, unless a lower passage naming what the
  question names gives one in a sentence that passes the same checks alone
  (``_asked_from_lower``);
- otherwise the sentences most likely to hold the answer are chosen
  (``qa.search.sentence_choice``), and a sentence that speaks for someone it does not
  name brings the sentence naming the speaker (``qa.search.attribution``). "Who said
  …?" leads with the quote and its speaker; "Who is the president of …?" with the
  sentence naming the holder beside the title.

The one edit of a sentence: an article's own bracketed footnote references
("…to power[6].") and editors' inline notes ("[citation needed]") are dropped,
so that every ``[n]`` in an answer is a citation marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from qa.index.chunking import split_sentences
from qa.patterns import LazyPattern
from qa.records import Answer, Article, Citation, Constraint, Hit, Passage, Span
from qa.search.answer_types import ORGANISATION, PERSON, PLACE
from qa.search.answerability import (
    NAME,
    SPEAKER,
    TERM,
    AnswerabilityPolicy,
    Assessment,
    absent_from_article,
    assess,
    check_reply,
    closest_sentence,
    describe_missing,
    names_counted,
    quotes_in,
    reply_lacks_asked,
    surface_kind,
)
from qa.search.article_questions import (
    OUTLET,
    TITLE,
    ArticleFact,
    article_by_person_asked,
    article_fact,
    article_in_question,
    article_question,
    asked_fields,
    authorship_fact,
    nearest_on_topic,
)
from qa.search.attribution import (
    AskedHolder,
    SpeakingRole,
    asked_holder,
    asked_person,
    asked_speaker_name,
    asked_speaking_role,
    asks_speaker,
    gives_words_of,
    holds_quote,
    names_holder,
    names_speaker,
    quote_closing,
    quote_goes_on,
    quote_of,
    quote_opening,
    quotes_person,
    referent_for,
    reports_speech_of,
    speaker_for,
    speaker_surname,
    speaks_in,
    voices_role,
    voices_someone,
)
from qa.search.lexicon import Lexicon
from qa.search.name_kinds import Vocabulary, entity_spans
from qa.search.person_titles import COURTESY_TITLES
from qa.search.sentence_choice import (
    Candidate,
    SentenceWeights,
    candidates,
    choose,
    matched_kind,
    question_parts,
    rate,
    same_sentence,
    without_footnotes,
)
from qa.search.term_matching import (
    QUESTION_WORDS,
    REQUEST_WORDS,
    contains_run,
    fold,
    plain_words,
)

if TYPE_CHECKING:
    from qa.storage.contract import Storage

ABSTENTION = "The indexed articles don't answer this."


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """Knobs of answer composition, calibrated on question sets.

    ``abstain_below`` and ``answerability`` come from eval/calibrate_abstention.py,
    the sentence choice model (``sentences``) from eval/tune_answers.py (tuning
    halves only).
    """

    abstain_below: float = 0.25
    sentences: SentenceWeights = field(default_factory=SentenceWeights)
    answerability: AnswerabilityPolicy = field(default_factory=AnswerabilityPolicy)


def confidence(hits: list[Hit]) -> float:
    """How well the best passage matches the question: its dense similarity (0–1)."""
    if not hits:
        return 0.0
    return max(0.5 * h.features["cos_window"] + 0.5 * h.features["cos_sentence"] for h in hits)


def _person_found(question: str, passages: Sequence[Hit]) -> bool:
    """Whether the question names a person in full (two words or more) whom a passage
    names word for word, or by a courtesy title and a surname the passage writes: "Who is
    Ann Bell?" is on topic where a passage speaks of Ann Bell, "What did Dr Park say?"
    where one speaks of Helen Park, however little else of the question its similarity
    can weigh."""
    spans = [
        question[start:end]
        for start, end, kind in entity_spans(question, Vocabulary())
        if kind == PERSON
    ]
    # "Mr Mezzour", "Dr. Park": a title and a surname name one as surely as a full name.
    titled = [
        words[-1]
        for words in (span.split() for span in spans)
        if len(words) == 2 and words[0].rstrip(".").lower() in COURTESY_TITLES
    ]
    if any(re.search(rf"\b{re.escape(n)}\b", hit.chunk.text) for n in titled for hit in passages):
        return True
    names = [plain_words(fold(span)) for span in spans]
    names = [name for name in names if len(name) >= 2]
    if not names:
        return False
    windows = [plain_words(fold(hit.chunk.text)) for hit in passages]
    return any(contains_run(words, name) for name in names for words in windows)


#: A sentence of a passage's text, as ``_said_together`` reads one.
_SENTENCE = LazyPattern(r"[^.!?\n]+")
#: How many other terms may stand among the question's own in the sentence that says them.
_TOGETHER_GAP = 3


def _said_together(question: str, passages: Sequence[Hit], snapshot: Storage) -> bool:
    """Whether the words a short question naming nothing (no name, no figure) asks with, two
    or more once its framing words are set aside ("What is the name of the opposition
    leader?": opposition, leader), all stand close together in one sentence of a passage
    ("Aziz Rahmonov, the leader of the opposition, …"): a question of few words weighs little
    in a long passage's similarity, yet a passage saying all of them at once is on topic. Names
    are left to ``_person_found``: "Who are Rob Curran and Tim Machado?" is not met by "Rob
    Machado, Tim Curran"."""
    found = re.findall(r"[\w’'-]+", question)
    if any(w[:1].isupper() or w[:1].isdigit() for w in found[1:]):
        return False  # a name or a figure is met as such (``_person_found``), not word by word
    words = [w for w in found if w.lower() not in QUESTION_WORDS and w.lower() not in REQUEST_WORDS]
    asked = set(snapshot.lexical_terms([" ".join(words)])[0]) if words else set()
    if len(asked) < 2:
        return False
    texts = [m.group() for hit in passages for m in _SENTENCE.finditer(hit.chunk.text)]
    for terms in snapshot.lexical_terms(texts):
        at = [i for i, term in enumerate(terms) if term in asked]
        if {terms[i] for i in at} != asked:
            continue
        for j in range(len(at)):
            k = next(
                (k for k in range(j, len(at)) if {terms[i] for i in at[j : k + 1]} == asked), None
            )
            if k is None:
                break  # what follows ``j`` no longer holds them all
            if at[k] - at[j] < len(asked) + _TOGETHER_GAP:
                return True
    return False


def compose_answer(
    question: str,
    passages: list[Hit],
    sentences: list[Hit],
    snapshot: Storage,
    timings_ms: dict[str, float],
    policy: AnswerPolicy | None = None,
    notices: tuple[str, ...] = (),
    named_article: Article | None = None,
) -> Answer:
    """Build the answer from the ranked passages and ranked sentences of one search;
    ``named_article``: the one article the question names and was searched in alone, which
    must speak of what the question asks (``absent_from_article``)."""
    policy = policy or AnswerPolicy()
    listed = tuple(_passage(i, hit, snapshot) for i, hit in enumerate(passages, start=1))
    evidence = confidence(passages)
    on_topic = bool(passages) and (
        evidence >= policy.abstain_below
        or _person_found(question, passages)
        or _said_together(question, passages, snapshot)
    )
    about_article = _article_reply(question, passages, listed, snapshot, on_topic=on_topic)
    if about_article is not None:
        text, known, shown, listed, missing = about_article
        cited = tuple(Citation.of(passage) for passage in shown)
        return Answer(
            question, text, not known, cited, listed, timings_ms, notices, evidence, missing=missing
        )
    chosen: list[Candidate] = []
    if on_topic:
        # The answer may rest only on passages that meet the question's constraints.
        assessment = assess(question, passages, snapshot, policy.answerability)
        if named_article is not None and assessment.met:
            # Asked of one article: a word it never uses is missing, however common.
            absent = absent_from_article(question, named_article, snapshot)
            if absent:
                assessment = replace(assessment, meeting=(), missing=absent)
        only = assessment.meeting or (None if assessment.met else (assessment.closest,))
        chosen = choose(question, passages, sentences, snapshot, policy.sentences, only)
    said = [c.text for c in chosen] if chosen and assessment.met else []
    wrote = _authorship_reply(question, passages, listed, snapshot, said)
    if wrote is not None:  # "Who is <name>?" of an author whom no chosen sentence names
        text, _, shown, listed = wrote
        cited = tuple(Citation.of(passage) for passage in shown)
        return Answer(question, text, False, cited, listed, timings_ms, notices, evidence)
    if not chosen:  # off topic, or the passages show no statement (only headings)
        return Answer(question, ABSTENTION, True, (), listed, timings_ms, notices, evidence)
    if assessment.met and (unquoted := _unquoted_person(question, passages, snapshot)):
        # "What did Ann Bell say?" where no article gives her words: not another's words.
        assessment = Assessment(assessment.constraints, (), chosen[0].marker, (unquoted,), 0.0)
    passages_fail = not assessment.met
    if assessment.met and policy.answerability.reply_holds_asked:
        # A "how many" reply without a figure is no answer: say so for what was asked.
        said = [c.text for c in chosen]
        markers = {c.marker for c in chosen}
        around = [_near(passages[marker - 1], snapshot) for marker in markers]
        ledes = [_lede(passages[marker - 1].article, snapshot) for marker in markers]
        titles = [passages[marker - 1].article.title for marker in markers]
        assessment = check_reply(
            question,
            said,
            assessment,
            chosen[0].marker,
            policy.answerability.reply_of_another,
            around,
            ledes,
            titles,
        )
        if not assessment.met and surface_kind(question) is not None:
            # The reply gives no figure (or date) of what is asked, or one of another's; a
            # lower passage may give the asked one.
            lower = _asked_from_lower(question, passages, sentences, snapshot, policy, only)
            if lower is not None:
                chosen, assessment = lower
    if not assessment.met:
        closest = chosen[assessment.shown]
        if passages_fail:  # show the sentence nearest to what the question asks
            ranked = rate(
                candidates(question, passages, sentences, snapshot, only=(closest.marker,)),
                policy.sentences,
            )
            texts = [c.text for c in ranked]
            closest = ranked[closest_sentence(question, texts, Lexicon.of(snapshot))]
        text = assessment.reply(closest.text, closest.marker)
        return _abstention(
            question, text, closest, assessment.missing, listed, snapshot, timings_ms, notices,
            evidence,
        )  # fmt: skip
    leader = chosen[0]
    asked_name = asked_speaker_name(question)  # "What did Doe say …?": Doe
    quoted = asked_name  # whose words a quote after their sentence gives
    if (role := asked_speaking_role(question)) is not None and not asks_speaker(question):
        # "What did <country>'s premier say?": the words of a holder of that role lead.
        found = candidates(question, passages, sentences, snapshot, only=only)
        voicing = _role_voiced(chosen, role, rate(found, policy.sentences), snapshot)
        if voicing is None:
            missing = (Constraint(SPEAKER, role.phrase, tuple(plain_words(fold(role.phrase)))),)
            text = f"The indexed articles quote no {role.phrase}. Closest: {leader.text} "
            text += f"[{leader.marker}]"
            return _abstention(
                question, text, leader, missing, listed, snapshot, timings_ms, notices, evidence
            )
        chosen = [voicing, *(c for c in chosen if c.text != voicing.text)]
        leader = voicing
        quoted = quoted or speaker_surname(voicing.text)  # the holder named speaking there
    named = _named_by(question, snapshot)
    chosen = with_lead_in(chosen, snapshot, named)
    if asks_speaker(question):  # "Who said …?": the likeliest quote and its speaker lead
        chosen = _speaker_first(chosen, snapshot)
    elif (holder := asked_holder(question)) is not None:  # "Who is the president of …?"
        # Any listed passage may name the holder: naming them beside the role and the
        # question's names (``names_holder``) is evidence enough, however low it ranks.
        found = candidates(question, passages, sentences, snapshot)
        chosen = _holder_first(chosen, holder, rate(found, policy.sentences))
        leader = chosen[0]
    elif asked_name is not None and not any(
        _gives_words_of(c, asked_name, snapshot) for c in chosen
    ):  # "What did Doe say …?" answered by no words of Doe's
        found = candidates(question, passages, sentences, snapshot, only=only)
        chosen = _quote_first(chosen, asked_name, rate(found, policy.sentences), snapshot)
        leader = chosen[0]
    if asked_name is not None:
        chosen = _their_words_first(chosen, asked_name, snapshot)
    chosen = _speakers_before_quotes(chosen, snapshot)
    kind = matched_kind(question)
    names_asked = kind if kind in (PERSON, PLACE, ORGANISATION) else None
    chosen = within_limit(chosen, snapshot, policy.sentences.max_reply, leader, names_asked)
    text, citations, listed = reply(
        chosen,
        listed,
        snapshot,
        limit=policy.sentences.max_reply,
        quotes_of=quoted,
        named=named,
        names_asked=names_asked,
    )
    return Answer(question, text, False, citations, listed, timings_ms, notices, evidence)


def _abstention(
    question: str,
    text: str,
    closest: Candidate,
    missing: tuple[Constraint, ...],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    timings_ms: dict[str, float],
    notices: tuple[str, ...],
    evidence: float,
) -> Answer:
    """The abstaining answer ``text`` that cites ``closest`` (its passage's ``line`` at that
    sentence) and lists what is ``missing``."""
    raw = snapshot.file_text(closest.article.path)
    line = raw.count("\n", 0, closest.span.start) + 1  # the cited sentence's line
    listed = tuple(replace(c, line=line) if c.marker == closest.marker else c for c in listed)
    cited = (Citation.of(listed[closest.marker - 1]),)
    return Answer(
        question, text, True, cited, listed, timings_ms, notices, evidence, missing=missing
    )


def _role_voiced(
    chosen: Sequence[Candidate], role: SpeakingRole, pool: Sequence[Candidate], snapshot: Storage
) -> Candidate | None:
    """The first chosen sentence, else the likeliest of ``pool`` (the passages' sentences,
    rated), that gives the words of a holder of ``role`` (``voices_role``), if any does."""
    for candidate in [*chosen, *pool]:
        raw = snapshot.file_text(candidate.article.path)
        if voices_role(raw, candidate.article, candidate.span, role):
            return candidate
    return None


def _lede(article: Article, snapshot: Storage) -> str:
    """The article's first paragraph (its lede), where news says where the story is."""
    if not article.paragraphs:
        return ""
    first = article.paragraphs[0]
    return snapshot.file_text(article.path)[first.start : first.end]


def _near(hit: Hit, snapshot: Storage, reach: int = 1500) -> str:
    """The passage's text with up to ``reach`` characters of its article either side."""
    raw = snapshot.file_text(hit.article.path)
    return raw[max(0, hit.chunk.start - reach) : hit.chunk.end + reach]


def reply(
    chosen: Sequence[Candidate],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    *,
    limit: int = 4,
    quotes_of: str | None = None,
    named: Named | None = None,
    names_asked: str | None = None,
) -> tuple[str, tuple[Citation, ...], tuple[Passage, ...]]:
    """The answer text of the chosen sentences, each followed by its marker, with the
    speaker's sentence beside any that speaks for someone it does not name (before it, or
    after it where the quote's own paragraph names the speaker later); the cited passages
    (``line`` at their first cited sentence) and the listed passages. A speaker sentence
    no listed passage shows is cited by the passage of the sentence it explains, extended
    to hold it. After the first sentence, one that would take the reply past ``limit``
    sentences is left out. ``quotes_of``: the surname a "What did <person> say?" asks
    about; a sentence naming that person speaking brings the quote that follows it
    (``attribution.quote_of``), cited the same way, when the reply has room beside the
    chosen sentences still to come that give that person's words. The first
    sentence keeps the lead, its speaker's sentence right after it, when ``named`` says the
    question already names whom it speaks of (see ``with_lead_in``). ``names_asked``: the
    kind of name the question asks for (who, which organisation, where), if any: a sentence
    naming what it speaks of only by a description ("The group assists …") brings the
    sentence before it that gives the name, as a quote brings its speaker's
    (``attribution.referent_for``)."""
    parts: list[tuple[int, Span, str]] = []  # marker, span, text
    articles: list[str] = []  # the article of each part
    for number, candidate in enumerate(chosen, start=1):
        if any(candidate.span == span for _, span, _ in parts):
            continue  # already in the reply as the speaker of an earlier sentence
        if any(same_sentence(candidate.text, text) for _, _, text in parts):
            continue  # told in the reply already, by another copy of its story
        raw = snapshot.file_text(candidate.article.path)
        article_id = candidate.article.article_id
        speaker = _read_after(raw, candidate, names_asked)
        spoken = next(
            (
                i
                for i, (_, span, _) in enumerate(parts)
                if (articles[i], span) == (article_id, speaker)
            ),
            None,
        )
        if parts and len(parts) + 1 + (speaker is not None and spoken is None) > limit:
            continue
        said = (candidate.marker, candidate.span, candidate.text)
        if speaker is not None and spoken is not None:
            # Its speaker already said: right after what follows them in the article, and
            # never before the first chosen sentence, which answers.
            at = spoken + 1
            while at < len(parts) and (
                (
                    articles[at] == article_id
                    and speaker.start < parts[at][1].start < candidate.span.start
                )
                or any(parts[at][1] == c.span for c in chosen[:1])
            ):
                at += 1
            if spoken > 0 and speaker.start > candidate.span.start:
                # The quotation it stands in closes later, naming them: inside it, before
                # its close and any of its later words the reply shows.
                at = spoken
                while (
                    at > 1
                    and articles[at - 1] == article_id
                    and candidate.span.start < parts[at - 1][1].start < speaker.start
                ):
                    at -= 1
            parts.insert(at, said)
            articles.insert(at, article_id)
            continue
        if speaker is None and parts and _unattributed(candidate, parts[-1], articles[-1], raw):
            continue  # it would read as the words of whoever the sentence before names
        if speaker is None:
            parts.append(said)
            articles.append(article_id)
            quote = _quote_asked(quotes_of, candidate, raw)
            rest = [c for c in chosen[number:] if _words_of(c, quotes_of, snapshot, parts)]
            needed = {(c.article.article_id, c.span) for c in rest} | {
                (c.article.article_id, brought)
                for c in rest
                if (brought := speaker_for(snapshot.file_text(c.article.path), c.article, c.span))
                and all(brought != p[1] for p in parts)
            }
            room = len(parts) + len(needed) < limit  # never in place of their chosen words
            if quote is not None and room and all(quote != p[1] for p in parts):
                marker, listed = _citing(listed, candidate.marker, candidate.article, raw, quote)
                parts.append((marker, quote, without_footnotes(raw[quote.start : quote.end])))
                articles.append(article_id)
            continue
        marker, listed = _citing(listed, candidate.marker, candidate.article, raw, speaker)
        naming = (marker, speaker, without_footnotes(raw[speaker.start : speaker.end]))
        leads = (
            not parts
            and named is not None
            and not holds_quote(candidate.text)  # a quote is read after who speaks
            and named(candidate.text, [naming[2]])
        )
        after = leads or speaker.start > candidate.span.start
        parts.extend((said, naming) if after else (naming, said))
        articles.extend((article_id, article_id))
    parts, listed = _quotations_opened(parts, articles, chosen, listed, snapshot, limit)
    parts, listed = _quotations_closed(parts, articles, chosen, listed, snapshot, limit)
    if quotes_of is not None:
        parts, listed = _quotes_gone_on(parts, articles, chosen, listed, snapshot, limit, quotes_of)
    text = " ".join(f"{sentence} [{marker}]" for marker, _, sentence in parts)
    first_line: dict[int, int] = {}
    for marker, span, _ in parts:
        if marker not in first_line:
            raw = snapshot.file_text(listed[marker - 1].path)
            first_line[marker] = raw.count("\n", 0, span.start) + 1
    listed = tuple(
        replace(c, line=first_line[c.marker]) if c.marker in first_line else c for c in listed
    )
    citations = tuple(Citation.of(listed[m - 1]) for m in sorted(first_line))
    return text, citations, listed


def _quotations_opened(
    parts: list[tuple[int, Span, str]],
    articles: list[str],
    chosen: Sequence[Candidate],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    limit: int,
) -> tuple[list[tuple[int, Span, str]], tuple[Passage, ...]]:
    """The reply's sentences with the opening sentence of each quotation that one of them
    closes or goes on with (``quote_opening``) put right before the first of them that
    stands inside it, when the sentence before that in the reply is not of the same
    quotation: a sentence brought to name a speaker or a referent may itself close a
    quotation ("“They beat us. … It was terrible,” Fatima recalled …"), and one whose
    speaker is named elsewhere may go on with one. Left out when the reply is full
    (``limit``), unless the quotation's sentence leads it."""
    by_article = {c.article.article_id: c for c in chosen}
    at = 0
    while at < len(parts):
        marker, span, _ = parts[at]
        candidate = by_article.get(articles[at])
        if candidate is None:
            at += 1
            continue
        raw = snapshot.file_text(candidate.article.path)
        opening = quote_opening(raw, candidate.article, span)
        if (
            opening is None
            or any((articles[i], parts[i][1]) == (articles[at], opening) for i in range(len(parts)))
            or (
                at > 0
                and articles[at - 1] == articles[at]
                and opening.start <= parts[at - 1][1].start < span.start
            )
            or (len(parts) >= limit and at > 0)
        ):
            at += 1
            continue
        shown, listed = _citing(listed, marker, candidate.article, raw, opening)
        parts.insert(at, (shown, opening, without_footnotes(raw[opening.start : opening.end])))
        articles.insert(at, articles[at])
        at += 2
    return parts, listed


def _quotations_closed(
    parts: list[tuple[int, Span, str]],
    articles: list[str],
    chosen: Sequence[Candidate],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    limit: int,
) -> tuple[list[tuple[int, Span, str]], tuple[Passage, ...]]:
    """The reply's sentences with the rest of each quotation that one of them opens and
    leaves open (``quote_closing``) put right after it, up to the sentence closing it, when
    the reply has room (``limit``) and none of those sentences is in it yet: a quotation
    opened and never closed is half of what its speaker said ("Lee said: “No one wants
    this." without "But we must act.”"). Such a sentence ending a full reply is left out."""
    by_article = {c.article.article_id: c for c in chosen}
    at = 0
    while at < len(parts):
        marker, span, _ = parts[at]
        candidate = by_article.get(articles[at])
        if candidate is None:
            at += 1
            continue
        raw = snapshot.file_text(candidate.article.path)
        rest = quote_closing(raw, candidate.article, span)
        shown = {(articles[i], parts[i][1]) for i in range(len(parts))}
        if rest and 0 < at == len(parts) - 1 and len(parts) + len(rest) > limit:
            parts.pop()  # a last sentence whose quotation the reply has no room to close
            articles.pop()
            break
        if (
            not rest
            or len(parts) + len(rest) > limit
            or any((articles[at], s) in shown for s in rest)
        ):
            at += 1
            continue
        for offset, later in enumerate(rest, start=1):
            cited, listed = _citing(listed, marker, candidate.article, raw, later)
            text = without_footnotes(raw[later.start : later.end])
            parts.insert(at + offset, (cited, later, text))
            articles.insert(at + offset, articles[at])
        at += len(rest) + 1
    return parts, listed


def _quotes_gone_on(
    parts: list[tuple[int, Span, str]],
    articles: list[str],
    chosen: Sequence[Candidate],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    limit: int,
    surname: str,
) -> tuple[list[tuple[int, Span, str]], tuple[Passage, ...]]:
    """The reply's sentences with the rest of each quote of the person ``surname`` (asked
    about by "What did <person> say?") put right after it, within ``limit`` sentences: the
    sentences of its paragraph that go on with their words (``quote_goes_on``), so that
    the reply gives what they said there, not its first half. In a full reply they take
    the place of its last sentences where those neither quote anyone nor name the person."""
    by_article = {c.article.article_id: c for c in chosen}
    at = 0
    while at < len(parts):
        marker, span, text = parts[at]
        candidate = by_article.get(articles[at])
        if candidate is None or not holds_quote(text):
            at += 1
            continue
        raw = snapshot.file_text(candidate.article.path)
        speaker = speaker_for(raw, candidate.article, span)
        naming = raw[speaker.start : speaker.end] if speaker is not None else text
        if not speaks_in(naming, surname) and not re.search(rf"\b{re.escape(surname)}\b", naming):
            at += 1
            continue
        shown = {(articles[i], parts[i][1]) for i in range(len(parts))}
        going = quote_goes_on(raw, candidate.article, span, speaker or span)
        for later in going:
            if len(parts) >= limit and at + 1 < len(parts) and not _tells_of(parts[-1], surname):
                parts.pop()  # a last sentence giving none of their words makes room
                articles.pop()
            if (articles[at], later) in shown or len(parts) >= limit:
                break
            cited, listed = _citing(listed, marker, candidate.article, raw, later)
            at += 1
            parts.insert(at, (cited, later, without_footnotes(raw[later.start : later.end])))
            articles.insert(at, articles[at - 1])
        at += 1
    return parts, listed


def _tells_of(part: tuple[int, Span, str], surname: str) -> bool:
    """Whether a reply sentence quotes anyone or names the person ``surname``."""
    text = part[2]
    return holds_quote(text) or re.search(rf"\b{re.escape(surname)}\b", text) is not None


def _unattributed(
    candidate: Candidate, before: tuple[int, Span, str], before_article: str, raw: str
) -> bool:
    """Whether ``candidate`` gives the words of someone it does not name
    (``voices_someone``), whom no sentence of its article is found to name (``speaker_for``
    found none), and the reply's sentence
    ``before`` it is not the one standing right before it in its article: read after
    that sentence, its words would be taken for those of whoever that sentence names."""
    if not voices_someone(candidate.text):
        return False
    adjacent = (
        before_article == candidate.article.article_id
        and not raw[before[1].end : candidate.span.start].strip()
    )
    return not adjacent


def _words_of(
    candidate: Candidate,
    surname: str | None,
    snapshot: Storage,
    parts: Sequence[tuple[int, Span, str]],
) -> bool:
    """Whether ``candidate``, not in the reply's ``parts`` yet, gives the words of the person
    ``surname`` or tells what they say (``reports_speech_of``)."""
    if surname is None or any(candidate.span == span for _, span, _ in parts):
        return False
    return reports_speech_of(candidate.text, surname) or _gives_words_of(
        candidate, surname, snapshot
    )


def _quote_asked(surname: str | None, candidate: Candidate, raw: str) -> Span | None:
    """The quote following ``candidate`` when it names the person ``surname`` (asked
    about by "What did <person> say?") as the one speaking there."""
    if surname is None or not re.search(rf"\b{re.escape(surname)}\b", candidate.text):
        return None
    return quote_of(raw, candidate.article, candidate.span)


def _citing(
    listed: tuple[Passage, ...], marker: int, article: Article, raw: str, span: Span
) -> tuple[int, tuple[Passage, ...]]:
    """The marker citing ``span`` of ``article``, a sentence brought beside one cited by
    ``marker``: the first listed passage showing it, else passage ``marker``, extended to
    hold it."""
    shown = _shown_by(article.article_id, span, listed)
    if shown:
        return shown, listed
    return marker, _extended(listed, marker, article, raw, span)


def _asked_from_lower(
    question: str,
    passages: Sequence[Hit],
    sentences: Sequence[Hit],
    snapshot: Storage,
    policy: AnswerPolicy,
    searched: Collection[int] | None,
) -> tuple[list[Candidate], Assessment] | None:
    """A reply from the listed passages below the ones searched first (``searched``: the
    first ``consider`` that met the question) when the reply drawn from those fails its
    checks (no figure of the asked kind, or another's): the likeliest sentence of a lower
    passage that meets the question's constraints too, names its names in the passage's
    own text or title (``_names_all``), gives the asked kind (of the things counted:
    ``names_counted``), and passes every check of a reply (``check_reply``) alone, read
    without the text around it, with the assessment it passes; None when no sentence does.
    "How old is Giggs …?" is answered by "… at the age of 31" in passage 4."""
    considered = policy.answerability.consider
    if len(passages) <= considered:
        return None
    wide = assess(
        question, passages, snapshot, replace(policy.answerability, consider=len(passages))
    )
    names = [c for c in wide.constraints if c.kind == NAME]
    lower = [
        m
        for m in wide.meeting
        if m > considered
        and (searched is None or m not in searched)
        and _names_all(passages[m - 1], names, snapshot)
    ]
    if not wide.met or not lower:
        return None
    rated = rate(candidates(question, passages, sentences, snapshot, only=lower), policy.sentences)
    giving = [
        c
        for c in rated
        if reply_lacks_asked(question, [c.text]) is None and names_counted(question, c.text)
    ]
    for candidate in giving[:_LOWER_TRIED]:
        ledes = [_lede(candidate.article, snapshot)]
        # The sentence alone must give what is asked: no age read from the text around.
        checked = check_reply(
            question,
            [candidate.text],
            wide,
            candidate.marker,
            policy.answerability.reply_of_another,
            (),
            ledes,
            [candidate.article.title],
        )
        if checked.met:
            return [candidate], checked
    return None


def _names_all(hit: Hit, names: Sequence[Constraint], snapshot: Storage) -> bool:
    """Whether a passage's own text or its article's title holds every name the question
    gives (a term of each, as the index analyses words): a lower passage answers only of
    what it names, not of what its article's wider text may be matched to."""
    text = fold(f"{hit.article.title}\n{hit.chunk.text}")
    held = {fold(term) for term in snapshot.lexical_terms([text])[0]}
    return all(any(fold(term) in held for term in name.terms) for name in names)


#: How many of the lower passages' likeliest sentences are tried as the reply.
_LOWER_TRIED = 3


def with_lead_in(
    chosen: Sequence[Candidate], snapshot: Storage, named: Named | None = None
) -> list[Candidate]:
    """The chosen sentences with the first (the leader) after those of them it cannot be
    read without, in article order: from the sentence naming the leader's speaker up to
    it ("Anna Berg visited …", "She said …" before "“…,” she told the AP."), and a
    sentence just before it, or before one of those, that opens a quotation it continues
    ("“The bridge is closed." before "Nobody should try to cross it,” said Tom Price.") or
    that it refers back to ("The report found …" before "It also noted …").

    When the question itself names what those sentences name and the leader does not
    (``named``: "When did Callaghan enter Downing Street?" for "He entered Downing Street
    in 1976 …" after "Lord Callaghan, who …"), the reader knows whom the leader speaks of:
    it keeps the lead, those sentences right after it; so does a leader that only carries
    the thought on ("But the board chose …", a connecting word and no pronoun) and needs no
    speaker named elsewhere. A quotation it continues is still opened first."""
    if not chosen:
        return []
    leader = chosen[0]
    raw = snapshot.file_text(leader.article.path)
    same = [c for c in chosen[1:] if c.article.article_id == leader.article.article_id]
    speaker = speaker_for(raw, leader.article, leader.span)
    start = min(speaker.start, leader.span.start) if speaker is not None else leader.span.start
    lead_in = [c for c in same if start <= c.span.start < leader.span.start]
    opening = min(c.span.start for c in [leader, *lead_in]) if speaker is None else start
    quoting = False
    for before in sorted(same, key=lambda c: -c.span.start):
        if before in lead_in or before.span.start > opening:
            continue
        opens = _opens_quotation(before.text)
        if raw[before.span.end : opening].strip() or not (
            opens or _REFERS_BACK.match(raw, opening)
        ):
            break
        quoting = quoting or opens
        lead_in.append(before)
        opening = before.span.start
    lead_in.sort(key=lambda c: c.span.start)
    rest = [c for c in chosen[1:] if c not in lead_in]
    if (
        lead_in
        and not quoting
        and (
            (speaker is None and _CARRIES_ON.match(leader.text))
            or (named is not None and named(leader.text, [c.text for c in lead_in]))
        )
    ):
        return [leader, *lead_in, *rest]
    return [*lead_in, leader, *rest]


#: Whether the question names, beside what the leader says (first), what the sentences it
#: is read with (second) name.
Named = Callable[[str, Sequence[str]], bool]

#: How many of a sentence's first words (as the lexical index analyses them) may name its
#: subject, whom a pronoun in the next sentence stands for ("Lord Callaghan, who …").
_SUBJECT_TERMS = 6


def _named_by(question: str, snapshot: Storage) -> Named:
    """Whether ``question`` names a word the leader lacks that stands among the first words
    of the sentences it is read with, where their subject stands: "Callaghan" for "He
    entered Downing Street in 1976 …" read with "Lord Callaghan, who …". Never for "Who
    said …?", whose answer is the speaker."""
    if asks_speaker(question):
        return lambda leader, others: False
    asked = set(snapshot.lexical_terms([question])[0])

    def named(leader: str, others: Sequence[str]) -> bool:
        leading, *rest = snapshot.lexical_terms([leader, *others])
        subjects = {t for terms in rest for t in terms[:_SUBJECT_TERMS]}
        return bool((asked - set(leading)) & subjects)

    return named


def _speakers_before_quotes(chosen: Sequence[Candidate], snapshot: Storage) -> list[Candidate]:
    """The chosen sentences with one naming a quote's speaker, which stands right before the
    quote in the article ("Jane Doe says the offer is generous."), moved to just before that
    quote when it came after it ("“We offered 8 per cent.” … Mr Doe said." first)."""
    ordered = list(chosen)
    for quote in list(ordered):
        if not holds_quote(quote.text):
            continue
        raw = snapshot.file_text(quote.article.path)
        speaker = speaker_for(raw, quote.article, quote.span)
        said_by = [quote.text] + ([raw[speaker.start : speaker.end]] if speaker else [])
        surname = next((n for t in said_by if (n := speaker_surname(t)) is not None), None)
        if surname is None:
            continue
        at = ordered.index(quote)
        naming = next(
            (
                c
                for c in ordered[at + 1 :]
                if c.article.article_id == quote.article.article_id
                and c.span.end <= quote.span.start
                and not raw[c.span.end : quote.span.start].strip()  # right before it
                and not holds_quote(c.text)
                and names_speaker(c.text)
                and speaker_surname(c.text) == surname  # not one who only names them
            ),
            None,
        )
        if naming is not None:
            ordered.remove(naming)
            ordered.insert(at, naming)
    return ordered


def _read_after(raw: str, candidate: Candidate, names_asked: str | None) -> Span | None:
    """The sentence ``candidate`` must be read after: its speaker's (``speaker_for``), else
    the one opening the quotation it closes or goes on with (``quote_opening``: no closing
    quotation mark without its opening one), else, when the question asks for a name (of
    the kind ``names_asked``), the one naming what it speaks of by description
    (``referent_for``); None when it reads on its own."""
    speaker = speaker_for(raw, candidate.article, candidate.span)
    if speaker is None:
        speaker = quote_opening(raw, candidate.article, candidate.span)
    if speaker is None and names_asked is not None:
        return referent_for(raw, candidate.article, candidate.span, names_asked)
    return speaker


def within_limit(
    chosen: Sequence[Candidate],
    snapshot: Storage,
    limit: int,
    leader: Candidate,
    names_asked: str | None = None,
) -> list[Candidate]:
    """The chosen sentences that fit in ``limit`` sentences with the speakers' sentences
    they bring (``reply``) and the openings of the quotations those close, kept in their
    order: the leader first, then the likeliest, so that a speaker's sentence brought along
    leaves out the least likely chosen sentence, not the one that happens to come last."""
    said: set[tuple[str, Span]] = set()
    kept: set[int] = set()
    for candidate in sorted(chosen, key=lambda c: (c is not leader, -c.probability)):
        raw = snapshot.file_text(candidate.article.path)
        speaker = _read_after(raw, candidate, names_asked)
        article_id = candidate.article.article_id
        shown = [s for s in (candidate.span, speaker) if s is not None]
        # The openings of quotations they close (``_quotations_opened``) take room too.
        shown += [o for s in shown if (o := quote_opening(raw, candidate.article, s)) is not None]
        brought = {(article_id, s) for s in shown}
        if kept and len(said | brought) > limit:
            continue
        said |= brought
        kept.add(id(candidate))
    return [c for c in chosen if id(c) in kept]


#: How a sentence that cannot be read without the one before it opens: a pronoun or a
#: demonstrative standing for something said there, or a word that carries its thought on.
_REFERS_BACK = LazyPattern(
    r"(?:it|its|they|their|them|this|these|that|those|such|he|she|his|her|both|also|"
    r"however|but|yet|and|so|still|meanwhile|moreover|furthermore|in\s+addition|instead|"
    r"then|thus|therefore|likewise|similarly|the\s+(?:latter|former|same))\b",
    re.I,
)

#: A sentence that only carries a thought on ("But Gates said …", "Also in Illinois, …"):
#: a connecting word followed by no pronoun or demonstrative, so it reads on its own.
_CARRIES_ON = LazyPattern(
    r"\W*(?:also|however|but|yet|and|so|still|meanwhile|moreover|furthermore|in\s+addition|"
    r"instead|then|thus|therefore|likewise|similarly)\b,?\s+(?!(?:it|its|they|their|them|this|"
    r"these|that|those|such|he|she|his|her|both|the\s+(?:latter|former|same))\b)",
    re.I,
)


def _opens_quotation(sentence: str) -> bool:
    """Whether a sentence opens a quotation it does not close ("“The bridge is closed.")."""
    return sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1


def _speaker_first(chosen: Sequence[Candidate], snapshot: Storage) -> list[Candidate]:
    """The chosen sentences for "Who said …?": the likeliest first, after the chosen
    sentences just before it in its article that speak for the same person (the start of
    its quotation) or, when it does not name its speaker itself, name a person speaking
    (else ``reply`` brings the speaker's sentence before it)."""
    likeliest = max(range(len(chosen)), key=lambda i: chosen[i].probability)
    quote = chosen[likeliest]
    raw = snapshot.file_text(quote.article.path)
    named = names_speaker(quote.text)
    speakers = {quote.span, speaker_for(raw, quote.article, quote.span)} - {None}
    start = likeliest
    while start > 0:
        before = chosen[start - 1]
        near = 0 <= chosen[start].span.start - before.span.end <= _INTRODUCED_WITHIN
        if before.article.article_id != quote.article.article_id or not near:
            break
        same = speaker_for(raw, before.article, before.span) in speakers
        if not (same or (not named and names_speaker(before.text))):
            break
        start -= 1
    return [*chosen[start : likeliest + 1], *chosen[:start], *chosen[likeliest + 1 :]]


def _holder_first(
    chosen: Sequence[Candidate], asked: AskedHolder, pool: Sequence[Candidate] = ()
) -> list[Candidate]:
    """The chosen sentences for "Who is the <role> of <place>?" with the first that names
    the role's holder beside the role ("Uzbekistan's president, Shavkat Mirziyoyev, …")
    put first; when none of them does, the likeliest sentence of ``pool`` (the passages'
    other sentences, rated) that does leads them; as they were when none does."""
    holding = next(
        (c for c in [*chosen, *pool] if names_holder(c.text, asked, context=c.article.title)),
        None,
    )
    if holding is None:
        return list(chosen)
    return [holding, *(c for c in chosen if c.text != holding.text)]


def _quote_first(
    chosen: Sequence[Candidate], surname: str, pool: Sequence[Candidate], snapshot: Storage
) -> list[Candidate]:
    """The chosen sentences for "What did <person> say …?", none of which gives that
    person's words, led by the likeliest sentence of ``pool`` (the passages' sentences,
    rated) that does (naming them, or after a sentence that does: "Doe says …" before
    "“…,” he said."), else by the first that tells what they say ("Doe says …") unless the
    first already does; as they were when none does."""
    quoting = next((c for c in pool if _gives_words_of(c, surname, snapshot)), None)
    if quoting is None and chosen and not reports_speech_of(chosen[0].text, surname):
        # No words of theirs in quotation marks: what they say, told ("Doe says …").
        quoting = next((c for c in [*chosen, *pool] if reports_speech_of(c.text, surname)), None)
    if quoting is None:
        return list(chosen)
    return [quoting, *(c for c in chosen if c.text != quoting.text)]


def _their_words_first(
    chosen: Sequence[Candidate], surname: str, snapshot: Storage
) -> list[Candidate]:
    """The chosen sentences for "What did <person> say …?" with those that give that
    person's words or tell what they say put before the others, each group in its order: a
    sentence about something else ("Doe, who has clashed with the mayor, …") is the one left
    out when the reply is full, and never leads their words."""
    theirs = [
        c
        for c in chosen
        if reports_speech_of(c.text, surname) or _gives_words_of(c, surname, snapshot)
    ]
    return [*theirs, *(c for c in chosen if c not in theirs)]


def _unquoted_person(
    question: str, passages: Sequence[Hit], snapshot: Storage
) -> Constraint | None:
    """The person a "What did <person> say …?" question names (a ``speaker`` constraint)
    when no article of the passages tells what they said (``speaks_in``) or gives their
    words in a quote (``gives_words_of``); None when one does, when they wrote one of the
    articles (what they wrote is the article), or for another question."""
    person = asked_person(question)
    if person is None:
        return None
    surname = person.split()[-1]
    articles = {hit.article.article_id: hit.article for hit in passages}.values()
    if any(surname in (article.author or "") for article in articles):
        return None
    for article in articles:
        raw = snapshot.file_text(article.path)
        for paragraph in article.paragraphs:
            text = " ".join(raw[paragraph.start : paragraph.end].split())
            if surname.casefold() not in text.casefold() and not holds_quote(text):
                continue
            if speaks_in(text, surname):
                return None
            sentences = split_sentences(raw, paragraph)
            if any(
                holds_quote(raw[s.start : s.end]) and gives_words_of(raw, article, s, surname)
                for s in sentences
            ):
                return None
    return Constraint(SPEAKER, person, (surname,))


def _gives_words_of(candidate: Candidate, surname: str, snapshot: Storage) -> bool:
    """Whether the candidate sentence quotes the person ``surname`` (``gives_words_of``)."""
    if quotes_person(candidate.text, surname):
        return True
    raw = snapshot.file_text(candidate.article.path)
    return gives_words_of(raw, candidate.article, candidate.span, surname)


#: How far (in characters) before a quote a sentence naming its speaker may stand.
_INTRODUCED_WITHIN = 600


def _shown_by(article_id: str, span: Span, listed: Sequence[Passage]) -> int:
    """The marker of the first listed passage that holds ``span``, else 0."""
    for passage in listed:
        if passage.article_id == article_id and passage.start <= span.start <= span.end <= (
            passage.end
        ):
            return passage.marker
    return 0


def _extended(
    listed: tuple[Passage, ...], marker: int, article: Article, raw: str, span: Span
) -> tuple[Passage, ...]:
    """The listed passages with passage ``marker`` (of ``article``) grown to hold ``span``."""
    shown = listed[marker - 1]
    grown = Span(min(shown.start, span.start), max(shown.end, span.end))
    wider = Passage.of_span(marker, article, raw, grown, shown.score)
    return tuple(wider if c.marker == marker else c for c in listed)


def _article_reply(
    question: str,
    passages: list[Hit],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    *,
    on_topic: bool,
) -> tuple[str, bool, tuple[Passage, ...], tuple[Passage, ...], tuple[Constraint, ...]] | None:
    """The reply to a question about an article's author, outlet, date or title (or
    several of them: "Who wrote it and when?"), whether the article states any value asked,
    the passages cited, the listed passages (each cited line put first unless a passage is
    exactly that line) and what the articles lack; None for any other question.

    The article is the one the question names or describes, else the best passage's
    article when the question points at an article ("who wrote this article?") and
    the passages are on topic (``article_in_question``). When the question says what the
    article is about and no passage's article is about it, the reply says so, naming the
    topic's words the closest one lacks, and cites that article's title.
    """
    asked = article_question(question)
    if asked is None:
        return None
    fields = asked_fields(question, question_parts)
    if not fields:
        return None  # "Whose review …, and when was it published?" asks about the review
    ranked = [hit.article for hit in passages]
    texts = [hit.chunk.text for hit in passages]
    article = article_in_question(
        question,
        asked,
        snapshot.articles(),
        ranked,
        snapshot.lexical_terms,
        on_topic=on_topic,
        texts=texts,
    )
    lacking: list[str] = []
    if article is None:
        if not (on_topic and asked.names_article and asked.topic):
            return None
        nearest = nearest_on_topic(asked, ranked, texts, snapshot.lexical_terms)
        if nearest is None:
            return None
        article, lacking = nearest
    raw = snapshot.file_text(article.path)
    if lacking:
        missing = tuple(Constraint(TERM, word, (word.casefold(),)) for word in lacking)
        said = (
            f"None of the articles found is about “{asked.topic}”"
            f" (nothing on {describe_missing(missing)}). Closest: “{article.title}”"
        )
        fact = ArticleFact(said, article_fact(TITLE, article, raw).span, known=False)
        return (*_fact_reply(article, [fact], raw, listed), missing)
    if not quotes_in(question, f"{article.title}\n{raw}"):
        return None  # "Who wrote 'Tajikistan under …'?" is not about "Kazakhstan under …"
    facts = [article_fact(field, article, raw) for field in fields]
    if fields == (OUTLET,) and not facts[0].known and _CLAIM_ASKED.search(question):
        # "Which publication reported that …?" of an article naming no outlet of its own:
        # the text may name who reported it ("according to the Harbour Gazette").
        return None
    return (*_fact_reply(article, facts, raw, listed), ())


#: "… reported that <claim>": a claim whose source the text itself may name.
_CLAIM_ASKED = LazyPattern(
    r"\b(?:reported|reports|revealed|claimed|said|wrote|announced)\s+that\s+\w", re.I
)


def _authorship_reply(
    question: str,
    passages: list[Hit],
    listed: tuple[Passage, ...],
    snapshot: Storage,
    said: Sequence[str],
) -> tuple[str, bool, tuple[Passage, ...], tuple[Passage, ...]] | None:
    """For "Who is <name>?" where the name is an article's author and no sentence ``said``
    names them: the reply saying they wrote it, citing the byline (as ``_article_reply``);
    None otherwise."""
    ranked = [hit.article for hit in passages]
    article = article_by_person_asked(question, snapshot.articles(), ranked, said)
    if article is None:
        return None
    raw = snapshot.file_text(article.path)
    return _fact_reply(article, [authorship_fact(article, raw)], raw, listed)


def _fact_reply(
    article: Article, facts: Sequence[ArticleFact], raw: str, listed: tuple[Passage, ...]
) -> tuple[str, bool, tuple[Passage, ...], tuple[Passage, ...]]:
    """The reply stating ``facts`` of ``article`` in order (after the first, "It" stands for
    the article's title), whether any is known, the passages citing their lines and the
    listed passages: a line no passage is exactly is listed before the passages found; with
    several facts, the cited passages come first, numbered in the order the reply cites
    them."""
    stated: list[tuple[str, Passage]] = []
    inserted = 0
    name = f"“{article.title}”"
    for fact in facts:
        shown = next(
            (
                c
                for c in listed
                if c.article_id == article.article_id
                and (c.start, c.end) == (fact.span.start, fact.span.end)
            ),
            None,
        )
        if shown is None:
            # The line the value was read from is the answer's source: it comes first.
            inserted += 1
            score = max((c.score for c in listed), default=1.0)
            shown = Passage.of_span(inserted, article, raw, fact.span, score)
            later = (_renumbered(c, inserted) for c in listed[inserted - 1 :])
            listed = (*listed[: inserted - 1], shown, *later)
            stated = [(sentence, _renumbered(passage, inserted)) for sentence, passage in stated]
        sentence = fact.sentence
        if stated and sentence.startswith(name):
            sentence = f"It{sentence[len(name) :]}"
        stated.append((sentence, shown))
    if len(facts) > 1:
        # Markers in the order the reply cites them, the passages not cited after.
        cited_first = list(dict.fromkeys(passage.marker for _, passage in stated))
        order = [*cited_first, *(c.marker for c in listed if c.marker not in cited_first)]
        renumbered = {old: new for new, old in enumerate(order, start=1)}
        listed = tuple(
            sorted((replace(c, marker=renumbered[c.marker]) for c in listed), key=_marker)
        )
        stated = [(s, replace(p, marker=renumbered[p.marker])) for s, p in stated]
    reply = " ".join(f"{sentence} [{passage.marker}]" for sentence, passage in stated)
    cited = tuple({passage.marker: passage for _, passage in stated}.values())
    return reply, any(fact.known for fact in facts), cited, listed


def _marker(passage: Passage) -> int:
    return passage.marker


def _renumbered(passage: Passage, inserted: int) -> Passage:
    """``passage`` after a passage was listed at marker ``inserted``: one marker later if
    it stood there or after."""
    return replace(passage, marker=passage.marker + 1) if passage.marker >= inserted else passage


def _passage(marker: int, hit: Hit, snapshot: Storage) -> Passage:
    """The passage of a hit: its article's metadata and the exact span of its window
    (``line`` at its anchor sentence)."""
    raw = snapshot.file_text(hit.article.path)
    window = Span(hit.chunk.start, hit.chunk.end)
    return Passage.of_span(
        marker, hit.article, raw, window, hit.score, line_at=hit.chunk.sentence_start
    )
