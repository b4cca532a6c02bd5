"""Calibrate abstention on the tuning halves of question sets; report on the test halves.

    python eval/calibrate_abstention.py eval/corpus.jsonl eval/constraint_swaps.jsonl \\
        eval/squad/questions.jsonl eval/squad/questions_unanswerable.jsonl \\
        eval/squad/constraint_swaps.jsonl eval/bbc/questions.jsonl

(the two ``constraint_swaps`` sets are made by eval/make_constraint_swaps.py; the BBC
set's corpus by eval/bbc/make_corpus.py, development checkout only).

Each set is asked against the corpus ``qa eval`` would use (its own ``corpus/``
folder, indexed into the same cache, else the configured index). Cases tagged
``tune`` (the project's set) or at an even position (sets without tags) form
the tuning half; the rest the test half.

Two kinds of abstention are calibrated together (qa/search/answer.py, qa/search/answerability.py):
off topic, the dense confidence below ``abstain_below``; on topic but unanswered,
the passages failing the question's constraints (``AnswerabilityPolicy``). A
coordinate search over the tuning halves (``abstain_below``; then where evidence
may come from: ``context_characters``, ``years_in_context`` and the kinds a rival in
the window keeps the context from meeting, ``contrast``; then the weights and
coverage floors; then ``abstain_below`` again; ``--stages 3`` runs only the third,
from the policy in qa/search/answer.py, and ``--stages 0`` none: it reports that policy)
keeps the policy
that abstains on the most unanswerable tuning questions (the mean of the sets'
rates) while abstaining on at most ``--max-false-abstain`` (2.5%) of each set's
answerable tuning questions and on at least ``--min-off-topic`` (95%) of the
off-topic ones. It prints the figures of the chosen policy and of the policy in
qa/search/answer.py on both halves.

Every question is searched once (``--cache FILE`` keeps the searches between
runs, pickled; delete it when the index or the retriever changes); each policy
then decides from the same passages as ``qa.search.answer.compose_answer`` does.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

import qa.search.answerability
from qa.config import Settings
from qa.evaluation.run import contains_answer, prepare_index, resolve_target
from qa.evaluation.sets import load_set
from qa.records import Answer, Constraint, Hit
from qa.search.answer import AnswerPolicy, compose_answer, confidence
from qa.search.answerability import (
    CONTRAST_KINDS,
    COUNTRY,
    PLACE,
    TERM,
    YEAR,
    AnswerabilityPolicy,
    PassageCheck,
    assess,
)
from qa.search.assistant import Assistant
from qa.search.lexicon import Lexicon
from qa.search.retrieve import Retriever
from qa.storage.contract import Storage


@dataclass
class Case:
    """One question with the passages and sentences its search found."""

    set_name: str
    tuning: bool
    question: str
    answers: tuple[str, ...]
    unanswerable: bool
    off_topic: bool
    passages: list[Hit]
    sentences: list[Hit]


def search_set(path: Path, settings: Settings, k: int) -> tuple[list[Case], Settings]:
    """Every case of a set with its search results, and the settings it was asked with."""
    eval_set = load_set(path)
    target = resolve_target(path, settings, cache_root=Path("eval/cache"))
    prepare_index(target)
    assistant = Assistant.open(target.settings)
    embedder = assistant._query_embedder()
    retriever = Retriever(assistant.snapshot)
    tagged = any("tune" in c.tags or "test" in c.tags for c in eval_set.cases)
    vectors = embedder.encode([c.question for c in eval_set.cases])
    cases = []
    for position, (case, vector) in enumerate(zip(eval_set.cases, vectors, strict=True)):
        result = retriever.search(vector, case.question, k)
        cases.append(
            Case(
                set_name=eval_set.name,
                tuning="tune" in case.tags if tagged else position % 2 == 0,
                question=case.question,
                answers=case.answers,
                unanswerable=case.unanswerable,
                off_topic="off-topic" in case.tags,
                passages=result.hits,
                sentences=result.sentences,
            )
        )
    assistant.close()
    return cases, target.settings


def answer(case: Case, snapshot: Storage, policy: AnswerPolicy) -> Answer:
    """The answer ``qa ask`` would give with this policy."""
    return compose_answer(case.question, case.passages, case.sentences, snapshot, {}, policy)


def rates(
    cases: Sequence[Case], snapshots: dict[str, Storage], policy: AnswerPolicy
) -> dict[str, dict[str, float]]:
    """Per set: abstention on answerable, on-topic unanswerable and off-topic cases; reply hits."""
    out: dict[str, dict[str, list[bool]]] = {}
    for case in cases:
        reply = answer(case, snapshots[case.set_name], policy)
        group = out.setdefault(case.set_name, {})
        if case.unanswerable:
            kind = "off_topic" if case.off_topic else "unanswerable"
            group.setdefault(kind, []).append(reply.abstained)
        else:
            group.setdefault("answerable", []).append(reply.abstained)
            hit = not reply.abstained and contains_answer(reply.text, case.answers)
            group.setdefault("in_reply", []).append(hit)
    return {
        name: {kind: float(np.mean(flags)) for kind, flags in group.items()}
        | {f"n_{kind}": len(flags) for kind, flags in group.items()}
        for name, group in out.items()
    }


def with_knobs(policy: AnswerPolicy, knobs: dict[str, Any]) -> AnswerPolicy:
    """``policy`` with some knobs of it or of its ``answerability`` changed."""
    own = {k: v for k, v in knobs.items() if k in AnswerPolicy.__dataclass_fields__}
    inner = {k: v for k, v in knobs.items() if k not in own}
    return replace(policy, **own, answerability=replace(policy.answerability, **inner))


def abstention_rates(
    cases: Sequence[Case], snapshots: dict[str, Storage], policy: AnswerPolicy
) -> dict[str, dict[str, float]]:
    """Per set, the abstention rates alone: the two tests of ``compose_answer``, without
    composing the answer (fast enough for a grid)."""
    out: dict[str, dict[str, list[bool]]] = {}
    for case in cases:
        abstained = not case.passages or confidence(case.passages) < policy.abstain_below
        if not abstained:
            assessment = assess(
                case.question, case.passages, snapshots[case.set_name], policy.answerability
            )
            abstained = not assessment.met
        kind = (
            "answerable"
            if not case.unanswerable
            else "off_topic"
            if case.off_topic
            else "unanswerable"
        )
        out.setdefault(case.set_name, {}).setdefault(kind, []).append(abstained)
    return {
        name: {kind: float(np.mean(flags)) for kind, flags in group.items()}
        for name, group in out.items()
    }


def failures(cases: Sequence[Case], snapshots: dict[str, Storage], policy: AnswerPolicy) -> str:
    """The cases this policy decides wrongly, one block each: unanswerable (on topic or
    off) but answered, or answerable but abstained on; the question and the reply."""
    lines = []
    for case in cases:
        reply = answer(case, snapshots[case.set_name], policy)
        if reply.abstained != case.unanswerable:
            wrong = "ANSWERED" if case.unanswerable else "ABSTAINED"
            lines.append(f"    [{case.set_name}] {wrong}: {case.question}")
            lines.append(f"        -> {reply.text[:400]}")
    return "\n".join(lines)


def fmt(figures: dict[str, dict[str, float]]) -> str:
    lines = []
    for name, group in figures.items():
        parts = [
            f"{kind}={value:.3f}/{int(group['n_' + kind])}"
            for kind, value in group.items()
            if not kind.startswith("n_")
        ]
        lines.append(f"    {name}: " + " ".join(parts))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--max-false-abstain", type=float, default=0.025)
    parser.add_argument("--min-off-topic", type=float, default=0.95)
    parser.add_argument("--cache", type=Path, help="pickle of the searches, reused if present")
    parser.add_argument(
        "--show-failures",
        action="store_true",
        help="print the tuning halves' wrong decisions under the chosen policy: unanswerable "
        "questions answered, answerable ones abstained on (never the test halves')",
    )
    parser.add_argument(
        "--stages",
        type=lambda text: {int(n) for n in text.split(",")},
        help="run only these stages of the search (1-4, e.g. 3,4; 0: none), from the policy "
        "in qa/search/answer.py",
    )
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="print the tuning halves' figures only (while tuning, never read the test halves)",
    )
    args = parser.parse_args()

    base = Settings.from_env()
    searched: dict[str, tuple[list[Case], Settings]] = {}
    if args.cache and args.cache.exists():
        searched = pickle.loads(args.cache.read_bytes())
    new = [path for path in args.sets if str(path) not in searched]
    for path in new:
        searched[str(path)] = search_set(path, base, args.k)
        print(f"searched {path}", file=sys.stderr)
    if args.cache and new:
        args.cache.write_bytes(pickle.dumps(searched))
    cases = [c for path in args.sets for c in searched[str(path)][0]]
    snapshots = {}
    for path in args.sets:
        set_cases, settings = searched[str(path)]
        snapshots[set_cases[0].set_name] = Assistant.open(settings).snapshot

    # The checks of a question's passages depend on a few knobs only: keep them.
    # The checks of a question's passages are made once per evidence scope, with
    # every term and five passages; a policy then keeps its rare terms and passages.
    check_passages = qa.search.answerability.check_passages
    memo: dict[tuple[object, ...], tuple[tuple[Constraint, ...], list[PassageCheck]]] = {}

    def checked(
        question: str, passages: Sequence[Hit], snapshot: Storage, policy: AnswerabilityPolicy
    ) -> tuple[tuple[Constraint, ...], list[PassageCheck]]:
        key = (
            question,
            id(snapshot),
            policy.context_characters,
            policy.years_in_context,
            policy.contrast,
        )
        if key not in memo:
            every = replace(policy, rare_terms=0.0, consider=max(5, policy.consider))
            memo[key] = check_passages(question, passages, snapshot, every)
        constraints, checks = memo[key]
        lexicon = Lexicon.of(snapshot)

        def kept(c: Constraint) -> bool:
            return c.kind != TERM or lexicon.rarity(c.terms[0]) >= policy.rare_terms

        def narrowed(check: PassageCheck) -> PassageCheck:
            pairs = [(c, n) for c, n in zip(check.unmet, check.named, strict=True) if kept(c)]
            return replace(
                check, unmet=tuple(c for c, _ in pairs), named=tuple(n for _, n in pairs)
            )

        return tuple(filter(kept, constraints)), [
            narrowed(check) for check in checks[: policy.consider]
        ]

    qa.search.answerability.check_passages = checked

    tune = [c for c in cases if c.tuning]
    test = [c for c in cases if not c.tuning]

    def score(policy: AnswerPolicy) -> tuple[bool, float, float]:
        figures = abstention_rates(tune, snapshots, policy)
        false = max(g["answerable"] for g in figures.values() if "answerable" in g)
        off_topic = min((g["off_topic"] for g in figures.values() if "off_topic" in g), default=1)
        caught = float(
            np.mean([g["unanswerable"] for g in figures.values() if "unanswerable" in g])
        )
        feasible = false <= args.max_false_abstain and off_topic >= args.min_off_topic
        # Within the limits, catch the most; outside them, come nearest.
        return feasible, caught if feasible else -false, -false

    # Coordinate search over the tuning halves: where evidence may come from, then the weights.
    best = AnswerPolicy()
    stages: list[dict[str, tuple[Any, ...]]] = [
        {"abstain_below": (0.25, 0.28, 0.30, 0.32, 0.34)},
        {
            "rare_terms": (0.5, 0.6, 0.7),
            "consider": (3, 5),
            "context_characters": (400, 1500, 4000),
            "years_in_context": (False, True),
            "contrast": ((), (COUNTRY,), (COUNTRY, YEAR), (COUNTRY, YEAR, PLACE), CONTRAST_KINDS),
        },
        {
            "term_weight": (0.25, 0.34, 0.5),
            "unseen_weight": (0.0, 0.25, 0.5),
            "min_coverage": (0.1, 0.2, 0.3),
            "min_topic_coverage": (0.0, 0.1, 0.2, 0.3),
            "asked_weight": (0.5, 1.0),
        },
        {"abstain_below": (0.25, 0.28, 0.30, 0.32, 0.34)},
    ]
    for number, stage in enumerate(stages, start=1):
        if args.stages and number not in args.stages:
            continue
        grid = [
            with_knobs(best, dict(zip(stage, values, strict=True)))
            for values in itertools.product(*stage.values())
        ]
        scored = [(score(policy), policy) for policy in grid]
        best = max(scored, key=lambda pair: pair[0])[1]
        print(
            f"after {', '.join(stage)}: {best} {max(scored, key=lambda pair: pair[0])[0]}",
            file=sys.stderr,
        )
    print(f"chosen: {best}")
    if args.show_failures:
        print("  tuning halves' wrong decisions:\n" + failures(tune, snapshots, best))
    print("  tuning halves:\n" + fmt(rates(tune, snapshots, best)))
    if args.tune_only:
        return 0
    print("  test halves:\n" + fmt(rates(test, snapshots, best)))
    print(
        "  test halves, the policy in qa/search/answer.py now:\n"
        + fmt(rates(test, snapshots, AnswerPolicy()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
