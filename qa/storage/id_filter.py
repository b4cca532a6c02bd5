"""The forms a search filter's allowed ids take, made once per filter rather than per search.

A filter (a date range, an outlet) reaches the vector and BM25 searches as the ids of
the passages it allows. Each search wants them in another form: sorted and distinct,
a boolean mask over every id, or the mask as a bitmap for FAISS. At ten million
passages each form costs milliseconds to make (the mask alone is ten megabytes),
and one question searches several times under the same filter (windows, sentences,
BM25), as do all the questions of a conversation. An id array that cannot change
(not writeable, as the local index hands out) is therefore converted once: the last
few such arrays are remembered by identity together with their forms.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

#: How many read-only id arrays keep their converted forms.
_REMEMBERED = 4
_lock = threading.Lock()
_forms: OrderedDict[int, tuple[np.ndarray, dict[tuple[str, int], np.ndarray]]] = OrderedDict()


def frozen(ids: np.ndarray) -> np.ndarray:
    """``ids`` as int64 made read-only, so that its converted forms may be remembered."""
    result = np.asarray(ids, dtype=np.int64)
    if result is ids and ids.flags.writeable:
        result = ids.copy()
    result.flags.writeable = False
    return result


def _read_only(ids: np.ndarray) -> bool:
    return isinstance(ids, np.ndarray) and not ids.flags.writeable


def _remembered(ids: np.ndarray, form: str, size: int) -> np.ndarray | None:
    if not _read_only(ids):
        return None
    with _lock:
        entry = _forms.get(id(ids))
        if entry is None or entry[0] is not ids:
            return None
        _forms.move_to_end(id(ids))
        return entry[1].get((form, size))


def _remember(ids: np.ndarray, form: str, size: int, value: np.ndarray) -> np.ndarray:
    if not _read_only(ids):
        return value
    value.flags.writeable = False
    with _lock:
        entry = _forms.get(id(ids))
        if entry is None or entry[0] is not ids:
            entry = (ids, {})
            _forms[id(ids)] = entry
        entry[1][(form, size)] = value
        _forms.move_to_end(id(ids))
        while len(_forms) > _REMEMBERED:
            _forms.popitem(last=False)
    return value


def sorted_ids(ids: np.ndarray) -> np.ndarray:
    """``ids`` sorted ascending, each once."""
    found = _remembered(ids, "sorted", 0)
    if found is None:
        found = _remember(ids, "sorted", 0, np.unique(np.asarray(ids, dtype=np.int64)))
    return found


def mask(ids: np.ndarray, size: int) -> np.ndarray:
    """A boolean array over ``size`` ids, true at ``ids``."""
    found = _remembered(ids, "mask", size)
    if found is None:
        value = np.zeros(size, dtype=bool)
        value[np.asarray(ids, dtype=np.int64)] = True
        found = _remember(ids, "mask", size, value)
    return found


def bitmap(ids: np.ndarray, size: int) -> np.ndarray:
    """:func:`mask` packed eight ids a byte, lowest id in the lowest bit (FAISS's layout)."""
    found = _remembered(ids, "bitmap", size)
    if found is None:
        found = _remember(ids, "bitmap", size, np.packbits(mask(ids, size), bitorder="little"))
    return found
