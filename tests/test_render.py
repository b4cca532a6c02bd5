# ruff: noqa: E501  (tables are compared line by line, as printed)
"""What the tables look like: they fit the width they are printed at and break no word."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from rich.console import Console, RenderableType

from qa.evaluation.records import EvalReport, Metric, MetricGroup, SetReport
from qa.records import DERIVED, INFERRED, STATED, UNKNOWN, Article, ArticleSummary, Passage
from qa.ui.render import passage_header, render_article_summaries
from qa.ui.render_eval import render_eval_report

SET_NAME = "eval/squad/questions_unanswerable.jsonl"


def printed(renderable: RenderableType, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())  # type: ignore[attr-defined]


def a_source() -> ArticleSummary:
    article = Article(
        article_id="kazakhstan/trafficking#1",
        path="kazakhstan/trafficking.txt",
        title="Human trafficking and IS followers in Central Asia",
        outlet="Fergana international information agency",
        author="Talgat Mamyrayymov",
        published=date(2017, 2, 20),
        paragraphs=(),
        provenance={"title": STATED, "published": STATED, "outlet": STATED, "author": UNKNOWN},
    )
    return ArticleSummary(article, 88)


def a_report() -> EvalReport:
    def group(cases: int, value: float) -> MetricGroup:
        names = (
            "hit@1 hit@3 hit@5 hit@10 mrr@10 source_hit answer_in_reply citation_validity "
            "date_correct abstention_precision abstention_recall abstention_rate_answerable "
            "latency_p50_ms latency_p95_ms questions_per_second"
        ).split()
        return MetricGroup(cases, {name: Metric(value, cases, cases) for name in names})

    one = SetReport(
        name=SET_NAME,
        path=SET_NAME,
        corpus="eval/squad/corpus",
        index="eval/cache/squad",
        skipped_lines=0,
        overall=group(16, 0.5),
        by_tag={"on-topic-unanswerable": group(16, 0.5)},
        failures=(),
    )
    return EvalReport(k=5, sets=(one,), overall=group(16, 0.5))


def test_sources_table_keeps_every_word_whole_where_it_fits() -> None:
    assert printed(render_article_summaries([a_source()]), 100) == "\n".join(
        [
            "                                         1 indexed article",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━┓",
            "┃ id                       ┃ title         ┃ outlet        ┃ author       ┃ date          ┃ chunks ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━┩",
            "│ kazakhstan/trafficking#1 │ Human         │ Fergana       │ Talgat       │ 2017-02-20    │ 88     │",
            "│                          │ trafficking   │ international │ Mamyrayymov  │ (stated)      │        │",
            "│                          │ and IS        │ information   │              │               │        │",
            "│                          │ followers in  │ agency        │              │               │        │",
            "│                          │ Central Asia  │               │              │               │        │",
            "└──────────────────────────┴───────────────┴───────────────┴──────────────┴───────────────┴────────┘",
        ]
    )


def test_sources_too_wide_for_a_table_are_listed_one_block_per_article() -> None:
    assert printed(render_article_summaries([a_source()]), 60) == "\n".join(
        [
            "1 indexed article",
            "kazakhstan/trafficking#1 · 88 chunks",
            "  Human trafficking and IS followers in Central Asia",
            "  Fergana international information agency · Talgat",
            "  Mamyrayymov · 2017-02-20 (stated)",
        ]
    )


def test_eval_tables_at_80_columns_number_long_set_names_and_break_no_word() -> None:
    assert printed(render_eval_report(a_report()), 80) == "\n".join(
        [
            "retrieval (k=5)",
            "set / tag                ┃ ans ┃ hit@1 ┃ hit@3 ┃ hit@5 ┃ hit@10 ┃ MRR@10 ┃ src@k",
            "━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━╇━━━━━━",
            "set 1                    │  16 │ 0.500 │ 0.500 │ 0.500 │  0.500 │  0.500 │ 0.500",
            "  tag                    │  16 │ 0.500 │ 0.500 │ 0.500 │  0.500 │  0.500 │ 0.500",
            "on-topic-unanswerable    │     │       │       │       │        │        │",
            "set 1: eval/squad/questions_unanswerable.jsonl",
            "over answerable questions (ans); src@k: over those listing sources; — = a",
            "cut-off above k, or no such question",
            "answers (k=5)",
            "                         ┃       ┃    in ┃ cites ┃  date ┃  abst ┃  abst ┃  abst",
            "set / tag                ┃ cases ┃ reply ┃ valid ┃ right ┃     P ┃     R ┃   ans",
            "━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━",
            "set 1                    │    16 │ 0.500 │ 0.500 │ 0.500 │ 0.500 │ 0.500 │ 0.500",
            "  tag                    │    16 │ 0.500 │ 0.500 │ 0.500 │ 0.500 │ 0.500 │ 0.500",
            "on-topic-unanswerable    │       │       │       │       │       │       │",
            "abstention by kind, reply given retrieval (k=5)",
            "                            ┃       ┃   abst R ┃    abst R ┃ in reply",
            "set / tag                   ┃ cases ┃ on topic ┃ off topic ┃  | hit@3",
            "━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━",
            "set 1                       │    16 │        — │         — │        —",
            "  tag on-topic-unanswerable │    16 │        — │         — │        —",
            "cites valid: over all questions; date right: over questions with a date; abst P:",
            "over abstentions; abst R: over unanswerable questions (on topic: those not",
            "tagged off-topic); in reply | hit@3: over answerable questions with an answer in",
            "the first 3 passages; abst ans: answerable questions abstained from (lower is",
            "better)",
            "eval/squad/questions_unanswerable.jsonl: 16 questions, p50 0 ms, p95 0 ms, 0.5",
            "questions/s",
        ]
    )


def test_eval_tables_name_the_sets_where_they_fit() -> None:
    lines = printed(render_eval_report(a_report()), 120).splitlines()
    assert lines[4] == (
        "│ eval/squad/questions_unanswerable.jsonl │  16 │ 0.500 │ 0.500 │ 0.500 │  0.500 │  0.500 │ 0.500 │"
    )
    assert lines[5] == (
        "│   tag on-topic-unanswerable             │  16 │ 0.500 │ 0.500 │ 0.500 │  0.500 │  0.500 │ 0.500 │"
    )
    assert max(len(line) for line in lines) <= 120


def test_a_derived_title_says_so() -> None:
    source = a_source()
    article = replace(
        source.article,
        title="Heavy snow closed the mountain roads…",
        provenance={**source.article.provenance, "title": DERIVED},
    )
    assert printed(render_article_summaries([ArticleSummary(article, 3)]), 60).splitlines()[2] == (
        "  Heavy snow closed the mountain roads… (derived)"
    )


def test_an_inferred_outlet_says_so_in_sources_and_citations() -> None:
    source = a_source()
    article = replace(
        source.article,
        outlet="EurasiaNet",
        provenance={**source.article.provenance, "outlet": INFERRED},
    )
    assert "EurasiaNet (inferred)" in printed(
        render_article_summaries([ArticleSummary(article, 3)]), 60
    )
    passage = Passage(
        1,
        article.article_id,
        article.title,
        article.outlet,
        None,
        None,
        article.path,
        0,
        10,
        "quote",
        0.5,
        line=3,
        provenance=article.provenance,
    )
    assert passage_header(passage) == (
        "[1] EurasiaNet (inferred) · “Human trafficking and IS followers in Central Asia” · "
        "date unknown · kazakhstan/trafficking.txt:3"
    )
