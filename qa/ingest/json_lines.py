"""One line of a JSON Lines file → its JSON value, each failure told in the caller's words.

Both the ``.jsonl`` article reader (``qa.ingest.formats``) and the evaluation sets
(``qa.evaluation.sets``) read lines this way; they phrase the problems differently.
"""

from __future__ import annotations

import json
from typing import Any


def load_json_line(
    line: str,
    error: type[Exception],
    *,
    invalid: str,
    too_deep: str,
    too_many_digits: str,
) -> Any:
    """The JSON value of ``line``; raise ``error`` with one of the given messages when it
    cannot be read: ``invalid`` (formatted with ``reason`` and ``column``) for bad JSON,
    ``too_deep`` for nesting Python cannot follow, ``too_many_digits`` for an integer
    Python refuses (more than 4300 digits).
    """
    try:
        return json.loads(line)
    except json.JSONDecodeError as problem:
        raise error(invalid.format(reason=problem.msg, column=problem.colno)) from None
    except RecursionError:
        raise error(too_deep) from None
    except ValueError:
        raise error(too_many_digits) from None
