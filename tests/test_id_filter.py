"""A filter's allowed ids, converted once per read-only id array rather than per search."""

from __future__ import annotations

import numpy as np

from qa.storage import id_filter


def test_the_forms_of_a_filter_hold_exactly_its_ids() -> None:
    ids = np.array([9, 2, 2, 12], dtype=np.int64)
    assert id_filter.sorted_ids(ids).tolist() == [2, 9, 12]
    assert np.flatnonzero(id_filter.mask(ids, 16)).tolist() == [2, 9, 12]
    unpacked = np.unpackbits(id_filter.bitmap(ids, 16), bitorder="little")
    assert np.flatnonzero(unpacked).tolist() == [2, 9, 12]


def test_a_read_only_filter_is_converted_once() -> None:
    ids = id_filter.frozen(np.array([3, 1], dtype=np.int64))
    assert not ids.flags.writeable
    assert id_filter.mask(ids, 8) is id_filter.mask(ids, 8)
    assert id_filter.bitmap(ids, 8) is id_filter.bitmap(ids, 8)
    assert not id_filter.mask(ids, 8).flags.writeable  # shared, so no search may change it
    assert id_filter.mask(ids, 16) is not id_filter.mask(ids, 8)  # another index's size


def test_a_writeable_filter_is_converted_anew_each_time() -> None:
    ids = np.array([3, 1], dtype=np.int64)
    first = id_filter.mask(ids, 8)
    ids[0] = 5  # it may change between searches
    assert np.flatnonzero(id_filter.mask(ids, 8)).tolist() == [1, 5]
    assert np.flatnonzero(first).tolist() == [1, 3]


def test_making_a_filter_read_only_leaves_the_callers_array_alone() -> None:
    ids = np.array([4, 2], dtype=np.int64)
    frozen = id_filter.frozen(ids)
    assert ids.flags.writeable
    assert frozen.tolist() == [4, 2]
