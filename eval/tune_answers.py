"""Learn the sentence-choice model on the tuning halves; compare it with today's weights.

    python eval/tune_answers.py [--corpus-set eval/corpus.jsonl]
        [--squad-set eval/squad/questions.jsonl] [--bbc-set eval/bbc/questions.jsonl]
        [--misses] [--test]

Tuning halves: the questions tagged ``tune`` of eval/corpus.jsonl, the SQuAD set and
the BBC set (when its corpus is built: ``python eval/bbc/make_corpus.py``); a set
without tags is split by position (even: tune). Every answerable question is
retrieved once (k=5, as ``qa eval -k 5``); each candidate sentence of its passages
(see ``qa.search.sentence_choice``) is labelled by whether it holds an accepted
answer. A listwise logistic ranker over the candidates' signals is fitted on the
tuning halves (numpy gradient descent with a little L2, then scaled so that scores
read as probabilities), then the reply knobs (``follow_ratio``, ``follow_floor``,
``max_sentences``) are chosen on the tuning halves: the most answers in the reply,
less 0.03 per extra sentence. It prints, for the tuning half of each set (the test
halves too with ``--test``, for a final report only), with today's
``SentenceWeights`` and with the learned ones, the share of replies holding an
answer (``in_reply``), of replies whose first sentence holds one (``in_first``), the
same among questions whose top 3 passages hold an answer (``in_reply|hit@3``) and the
mean reply length, then the weights to paste into ``SentenceWeights``. ``--misses``
instead prints, for the tuning halves (the test halves too with ``--test``), the share
of full replies (abstention included, as ``qa ask`` gives them) that hold an answer,
whose first sentence holds one, and their mean length, and sorts the tuning halves'
questions whose top 3 passages hold an answer that the full reply misses by cause.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from qa.config import Settings
from qa.evaluation.run import contains_answer, resolve_target
from qa.evaluation.sets import load_set
from qa.index.embed import resolve_model, sentence_transformer
from qa.records import Answer, Hit
from qa.search.answer import AnswerPolicy, compose_answer
from qa.search.answer_types import asks_money
from qa.search.answerability import assess
from qa.search.lexicon import Lexicon
from qa.search.retrieve import Retriever
from qa.search.sentence_choice import (
    FEATURES,
    Candidate,
    SentenceWeights,
    candidates,
    choose,
    matched_kind,
    question_parts,
    rate,
    select,
)
from qa.storage.contract import Storage
from qa.storage.store import open_snapshot

K = 5
SETS = ("corpus", "squad", "bbc")
#: The citation marker closing each sentence of a reply ("… 2012. [1]").
_MARKER = re.compile(r"\s\[\d+\](?=\s|$)")


@dataclass
class Case:
    set_name: str
    tune: bool
    question: str
    answers: tuple[str, ...]
    passages: list[Hit]
    sentences: list[Hit]
    snapshot: Storage
    found: list[Candidate]
    labels: np.ndarray

    @property
    def hit3(self) -> bool:
        return any(contains_answer(p.chunk.text, self.answers) for p in self.passages[:3])


class QuestionEmbedder:
    """The model, loaded only when a set's retrieval is not cached yet."""

    def encode(self, texts: list[str]) -> np.ndarray:
        model = sentence_transformer(resolve_model(Settings().model))
        vectors: np.ndarray = model.encode(texts)
        return vectors


def collect(set_path: Path, name: str, embedder: QuestionEmbedder, cache: Path) -> list[Case]:
    """Every answerable question of the set with its passages and candidate sentences.

    Retrieval results are kept in ``cache`` (a pickle per set) so that a second run only
    recomputes the candidates; delete it after changing retrieval or the index.
    """
    eval_set = load_set(set_path)
    target = resolve_target(set_path, Settings(), cache_root=Path("eval/cache"))
    snapshot = open_snapshot(target.settings.index_dir)
    lexicon = Lexicon(snapshot)
    answerable = [(i, c) for i, c in enumerate(eval_set.cases) if not c.unanswerable]
    stored = cache / f"tune-answers-{name}-{snapshot.generation}.pickle"
    if stored.exists():
        results = pickle.loads(stored.read_bytes())
    else:
        retriever = Retriever(snapshot)
        vectors = embedder.encode([c.question for _, c in answerable])
        results = [
            retriever.search(vector, case.question, K)
            for (_, case), vector in zip(answerable, vectors, strict=True)
        ]
        cache.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(pickle.dumps(results))
    cases = []
    for (position, case), result in zip(answerable, results, strict=True):
        split = "tune" in case.tags or "test" in case.tags
        tune = "tune" in case.tags if split else position % 2 == 0
        found = candidates(case.question, result.hits, result.sentences, snapshot, lexicon)
        labels = np.array([contains_answer(c.text, case.answers) for c in found], dtype=float)
        cases.append(
            Case(
                name,
                tune,
                case.question,
                case.answers,
                result.hits,
                result.sentences,
                snapshot,
                found,
                labels,
            )
        )
    return cases


def fit(cases: list[Case], l2: float = 1e-3, steps: int = 1500, step: float = 0.5) -> np.ndarray:
    """Listwise logistic ranking: per question, a softmax over its candidates, fitted so
    that the candidates holding an answer take the mass (gradient descent, a little L2);
    then one scale and bias so that scores read as probabilities."""
    kept = [case for case in cases if case.found and case.labels.max() > 0]
    x = np.concatenate([np.stack([c.signals for c in case.found]) for case in kept])
    y = np.concatenate([case.labels for case in kept])
    starts = np.cumsum([0] + [len(case.found) for case in kept])[:-1]
    group = np.repeat(np.arange(len(kept)), [len(case.found) for case in kept])
    theta = np.zeros(x.shape[1])
    for _ in range(steps):
        scores = x @ theta
        p = np.exp(scores - np.maximum.reduceat(scores, starts)[group])
        p /= np.add.reduceat(p, starts)[group]
        q = y * p
        q /= np.add.reduceat(q, starts)[group]
        gradient = x.T @ (p - q)
        theta -= step * (gradient / len(kept) + l2 * theta)
    scores = x @ theta
    scale, bias = 1.0, 0.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(scale * scores + bias)))
        scale -= 0.5 * float(np.mean((p - y) * scores))
        bias -= 0.5 * float(np.mean(p - y))
    calibrated = scale * theta
    calibrated[0] += bias
    return calibrated


def measure(cases: list[Case], weights: SentenceWeights) -> dict[str, float]:
    in_reply = in_first = lengths = 0.0
    given_hit3 = [0, 0]
    for case in cases:
        if len(question_parts(case.question)) > 1:
            chosen = choose(case.question, case.passages, case.sentences, case.snapshot, weights)
        else:
            chosen = select(
                rate(case.found, weights),
                weights,
                matched_kind(case.question),
                money=asks_money(case.question),
            )
        reply = " ".join(c.text for c in chosen)
        holds = contains_answer(reply, case.answers)
        in_reply += holds
        lengths += len(chosen)
        if chosen:  # the reply's first sentence: the one a reader sees first
            in_first += contains_answer(chosen[0].text, case.answers)
        if case.hit3:
            given_hit3[0] += holds
            given_hit3[1] += 1
    n = len(cases) or 1
    return {
        "in_reply": in_reply / n,
        "in_first": in_first / n,
        "in_reply|hit@3": given_hit3[0] / max(given_hit3[1], 1),
        "sentences": lengths / n,
    }


def full_reply(case: Case, policy: AnswerPolicy) -> Answer:
    """The answer ``qa ask`` gives from the case's passages (abstention included)."""
    return compose_answer(case.question, case.passages, case.sentences, case.snapshot, {}, policy)


def holds_answer(case: Case, answer: Answer) -> bool:
    """Whether a reply holds an accepted answer, as ``qa eval`` judges it."""
    return not answer.abstained and contains_answer(answer.text, case.answers)


def miss_cause(case: Case, answer: Answer, policy: AnswerPolicy) -> str:
    """Why the full reply misses an answer the case's top 3 passages hold."""
    if answer.abstained:
        return "abstained: constraint unmet" if answer.missing else "abstained: weak evidence"
    holders = [c for c, label in zip(case.found, case.labels, strict=True) if label]
    if not holders:
        for passage in case.passages[:3]:
            raw = case.snapshot.file_text(passage.article.path)
            shown = raw[passage.chunk.start : passage.chunk.end]
            if contains_answer(shown, case.answers):
                lines = [line for line in shown.splitlines() if line.strip()]
                if any(contains_answer(line, case.answers) for line in lines):
                    return "answer only in a heading or short line"
        return "answer split across sentences"
    assessment = assess(case.question, case.passages, case.snapshot, policy.answerability)
    if assessment.meeting and all(c.marker not in assessment.meeting for c in holders):
        return "answer passage failed the constraint check"
    rated = rate(case.found, policy.sentences)
    rank = next(i for i, c in enumerate(rated) if contains_answer(c.text, case.answers))
    best = rated[rank]
    if rank == 0:
        return "chosen, then left out of the reply"
    first = rated[0]
    if best.marker == 1 and first.marker != 1:
        return "answer in passage 1, a lower passage's sentence won"
    kind = 11  # FEATURES.index("kind_match")
    if best.signals[kind] == 0 and first.signals[kind] == 1:
        return "answer sentence lacks the asked kind (surface)"
    return "answer sentence ranked 2nd-3rd" if rank < 3 else "answer sentence ranked below 3rd"


def breakdown(cases: list[Case], policy: AnswerPolicy, *, test: bool) -> None:
    """Print, per set, for the tuning half (and the test half with ``test``), the share of
    full replies holding an answer (and among questions whose top 3 passages hold one),
    of replies whose first sentence holds one, and the mean length of the replies that do
    not abstain (in sentences); then the tuning halves' misses among those, by cause."""
    replies = {id(case): full_reply(case, policy) for case in cases}
    holds = {id(case): holds_answer(case, replies[id(case)]) for case in cases}
    for name in SETS:
        for half, flag in (("tune", True), ("test", False))[: 2 if test else 1]:
            subset = [c for c in cases if c.set_name == name and c.tune == flag]
            hit3 = [c for c in subset if c.hit3]
            if not subset:
                continue
            said = [replies[id(c)] for c in subset if not replies[id(c)].abstained]
            first = sum(
                not replies[id(c)].abstained
                and contains_answer(_MARKER.split(replies[id(c)].text, maxsplit=1)[0], c.answers)
                for c in subset
            )
            length = sum(len(_MARKER.findall(a.text)) for a in said) / max(len(said), 1)
            print(
                f"{name} {half}: reply={sum(holds[id(c)] for c in subset) / len(subset):.3f} "
                f"reply|hit@3={sum(holds[id(c)] for c in hit3) / len(hit3):.3f} "
                f"first={first / len(subset):.3f} sentences={length:.2f}"
            )
    for name in SETS:
        missed = [c for c in cases if c.set_name == name and c.tune and c.hit3]
        causes: dict[str, list[str]] = {}
        for case in missed:
            if not holds[id(case)]:
                cause = miss_cause(case, full_reply(case, policy), policy)
                causes.setdefault(cause, []).append(case.question)
        total = sum(len(q) for q in causes.values())
        print(f"{name} tune: {total} of {len(missed)} hit@3 questions miss the answer")
        for cause, questions in sorted(causes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {len(questions):3d}  {cause}")
            for question in questions[:4]:
                print(f"         {question}")


def report(label: str, cases: list[Case], weights: SentenceWeights, *, test: bool) -> None:
    """Print the selection figures of ``weights`` for the tuning half of each set (and the
    test half with ``test``)."""
    for name in SETS:
        for half, flag in (("tune", True), ("test", False))[: 2 if test else 1]:
            subset = [c for c in cases if c.set_name == name and c.tune == flag]
            if not subset:
                continue
            got = measure(subset, weights)
            print(
                f"{label}: {name} {half} ({len(subset)} q): "
                + " ".join(f"{k}={v:.3f}" for k, v in got.items())
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus-set", type=Path, default=Path("eval/corpus.jsonl"))
    parser.add_argument("--squad-set", type=Path, default=Path("eval/squad/questions.jsonl"))
    parser.add_argument("--bbc-set", type=Path, default=Path("eval/bbc/questions.jsonl"))
    parser.add_argument(
        "--misses",
        action="store_true",
        help="only print the full replies' figures per half and why they miss answers "
        "their top 3 passages hold (tuning halves)",
    )
    parser.add_argument(
        "--test", action="store_true", help="also print the test halves (for the final report)"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    embedder = QuestionEmbedder()
    cache = Path("eval/cache")
    cases = collect(args.corpus_set, "corpus", embedder, cache)
    cases += collect(args.squad_set, "squad", embedder, cache)
    if (args.bbc_set.parent / "corpus").is_dir():
        cases += collect(args.bbc_set, "bbc", embedder, cache)
    print(
        f"{len(cases)} questions retrieved in {time.perf_counter() - began:.0f} s", file=sys.stderr
    )
    if args.misses:
        breakdown(cases, AnswerPolicy(), test=args.test)
        return 0
    tune = [c for c in cases if c.tune]
    report("current", cases, SentenceWeights(), test=args.test)
    theta = fit(tune)
    learned = SentenceWeights(values=tuple(round(float(v), 3) for v in theta))
    print(
        "weights:",
        ", ".join(f"{n}={v:+.3f}" for n, v in zip(FEATURES, learned.values, strict=True)),
    )
    grid = [
        replace(learned, follow_ratio=r, follow_floor=f, max_sentences=m)
        for r, f, m in itertools.product(
            (0.3, 0.4, 0.5, 0.6, 0.7, 0.8), (0.05, 0.1, 0.2, 0.3), (2, 3, 4)
        )
    ]

    def objective(weights: SentenceWeights) -> float:
        total = 0.0
        for name in SETS:
            got = measure([c for c in tune if c.set_name == name], weights)
            total += got["in_reply"] - 0.03 * (got["sentences"] - 1)
        return total

    best = max(grid, key=objective)
    print(
        f"reply knobs: follow_ratio={best.follow_ratio} follow_floor={best.follow_floor} "
        f"max_sentences={best.max_sentences}"
    )
    report("learned", cases, best, test=args.test)
    print(
        "SentenceWeights(values=" + repr(best.values) + f", follow_ratio={best.follow_ratio}, "
        f"follow_floor={best.follow_floor}, max_sentences={best.max_sentences})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
