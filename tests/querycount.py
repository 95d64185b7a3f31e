"""Pin a list view's query count: the same for 1 row and for 50 (STYLE.md "Reads"),
and equal to the number the test states, so a change that adds a query anywhere on
the page (not only one per row) is seen and the pin updated on purpose (issue 8)."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """The page's rendering, not the copy an anonymous visitor is served from the cache
    (kentplacements/anonymous_cache.py: 0 queries, and test rows are never committed)."""
    with override_settings(ANONYMOUS_CACHE_SECONDS=0), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


@pytest.fixture
def assert_query_count_constant():
    """``assert_query_count_constant(client, url, make_rows, queries=N)``: ``make_rows(n)``
    adds rows; the view must use exactly ``queries`` queries with 1 row and with 50
    (``many``: fewer where the database allows no more, e.g. an officer's 2 placements)."""

    def check(client, url, make_rows, *, queries, many=50):
        make_rows(1)
        count_queries(client, url)  # warm caches (content types, session) first
        with_one = count_queries(client, url)
        make_rows(many - 1)
        with_many = count_queries(client, url)
        assert (with_one, with_many) == (queries, queries), (
            f"{url}: {with_one} queries for 1 row, {with_many} for {many}; the pin says {queries}"
        )
        return with_many

    return check


__all__ = ["assert_query_count_constant", "count_queries"]
