"""Query counts that must not grow with the rows a page lists (issue 9): render the page
with one row of each kind and again with ten; the counts are equal and within the count
measured when the test was written, so a query added to every render shows too."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROWS = 10


# On PostgreSQL an audit append takes its chain's lock in a statement of its own
# (navet/audit/trail.py, ADR 0007; SQLite holds its write lock already). The bounds below
# are the same on both databases, so that statement is left out of the count; it is one
# per append however many rows a page lists.
CHAIN_LOCK = "SELECT pg_try_advisory_xact_lock("


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(1 for query in captured if not query["sql"].startswith(CHAIN_LOCK))


def assert_queries_flat(
    client: Client, url: str, add: Callable[[int], None], bound: int
) -> tuple[int, int]:
    """add(0) gives one row of each kind; add(1) .. add(9) make it ten."""
    add(0)
    client.get(url)  # the first audit row of a test also writes the chain's head
    few = count_queries(client, url)
    for n in range(1, ROWS):
        add(n)
    many = count_queries(client, url)
    assert many == few, f"{few} queries with one row, {many} with {ROWS}"
    assert many <= bound, f"{many} queries; {bound} when measured"
    return few, many
