"""How the PostgreSQL store runs a filtered kNN: an exact scan or the index, and how deep."""

from __future__ import annotations

from qa.storage.pg_store import DensePlan, VectorIndex, dense_plan

MILLION = 1_000_000
IVFFLAT_1M = VectorIndex("ivfflat", lists=1_000)


def probes(plan: DensePlan) -> int:
    return dict(plan.settings)["ivfflat.probes"]


def test_filters_keeping_up_to_five_percent_of_a_million_rows_are_scanned_exactly() -> None:
    for kept in (10_000, 50_000):
        assert dense_plan(kept, MILLION, 100, IVFFLAT_1M) == DensePlan(exact=True), kept


def test_wider_filters_and_no_filter_go_through_the_index() -> None:
    for kept in (80_000, 300_000, MILLION):
        assert not dense_plan(kept, MILLION, 100, IVFFLAT_1M).exact, kept


def test_the_narrower_the_filter_the_more_ivfflat_lists_are_read() -> None:
    unfiltered = dense_plan(MILLION, MILLION, 100, IVFFLAT_1M)
    wide = dense_plan(300_000, MILLION, 100, IVFFLAT_1M)
    narrow = dense_plan(50_000, MILLION, 100, IVFFLAT_1M, may_scan=False)
    assert probes(unfiltered) == 20
    assert probes(unfiltered) < probes(wide) < probes(narrow) <= 60
    settings = dict(narrow.settings)
    assert probes(narrow) < settings["ivfflat.max_probes"] <= IVFFLAT_1M.lists


def test_how_many_rows_are_scanned_exactly_grows_with_the_table() -> None:
    ten_million = VectorIndex("ivfflat", lists=3_162)
    assert not dense_plan(80_000, MILLION, 100, IVFFLAT_1M).exact
    assert dense_plan(80_000, 10 * MILLION, 100, ten_million).exact


def test_a_few_thousand_rows_are_always_scanned_and_an_index_is_needed_for_anything_else() -> None:
    assert dense_plan(4_000, 10 * MILLION, 100, VectorIndex("hnsw")).exact
    assert dense_plan(MILLION, MILLION, 100, None).exact


def test_hnsw_scans_on_far_enough_for_a_filter_to_yield_its_neighbours() -> None:
    plan = dense_plan(125_000, 10 * MILLION, 100, VectorIndex("hnsw"))  # 1.25%
    assert not plan.exact
    settings = dict(plan.settings)
    assert settings["hnsw.ef_search"] == 200
    assert settings["hnsw.max_scan_tuples"] == 4 * 100 * 80  # 4x the rows 100 should take


def test_a_measurement_can_take_the_index_where_a_scan_would_be_cheaper() -> None:
    assert not dense_plan(10_000, MILLION, 100, IVFFLAT_1M, may_scan=False).exact


def test_a_scan_of_tens_of_thousands_of_rows_rescores_only_those_closest_by_their_bits() -> None:
    assert dense_plan(50_000, MILLION, 100, IVFFLAT_1M, binary=True) == DensePlan(
        exact=True, candidates=500
    )
    assert dense_plan(15_000, MILLION, 100, IVFFLAT_1M, binary=True) == DensePlan(exact=True)
    assert dense_plan(50_000, MILLION, 100, IVFFLAT_1M) == DensePlan(exact=True)  # no bits
    assert not dense_plan(300_000, MILLION, 100, IVFFLAT_1M, binary=True).exact
