"""One query-count helper for list pages and endpoints (after zulip's assert_database_query_count).

    assert_queries_flat(lambda: web.get(url), grow=lambda: make_rows(20))

warms the request up, asserts its status, counts its queries, grows the data, counts again, and fails
when the count grew — printing the statements the second run added, so the N+1 is visible at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

Fetch = Callable[[], Any]


def queries_of(call: Callable[[], object]) -> list[str]:
    """The SQL statements `call` runs: for jobs, whose cost is compared across data sizes directly."""
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries]


def _count(name: str, fetch: Fetch, status: int) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    code = getattr(response, "status_code", None)
    if code != status:
        pytest.fail(f"{name}: status {code}, expected {status}; a query count of a refusal proves nothing")
    return [q["sql"] for q in captured.captured_queries]


def assert_queries_flat(
    fetch: Fetch | Mapping[str, Fetch],
    *,
    grow: Callable[[], object],
    status: int = 200,
    allowed_extra: int = 0,
) -> None:
    """Fail when a request costs more queries after `grow()` added rows than before it."""
    fetches = dict(fetch) if isinstance(fetch, Mapping) else {"request": fetch}
    for name, one in fetches.items():
        _count(name, one, status)  # warm-up: sessions, content types, permission caches
    before = {name: _count(name, one, status) for name, one in fetches.items()}
    grow()
    for name, one in fetches.items():
        after = _count(name, one, status)
        if len(after) > len(before[name]) + allowed_extra:
            extra = Counter(after) - Counter(before[name])
            listing = "\n".join(f"  {n}x {sql}" for sql, n in extra.items())
            pytest.fail(
                f"{name}: {len(before[name])} queries before, {len(after)} after the data grew. "
                f"Statements added:\n{listing}"
            )
