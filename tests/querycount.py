"""Pin a list view's query count: the same for 1 row and for 50 (STYLE.md "Reads")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


@pytest.fixture
def assert_query_count_constant():
    """``assert_query_count_constant(client, url, make_rows)``: ``make_rows(n)`` adds
    rows; the view must use the same number of queries with 1 row and with 50."""

    def check(client, url, make_rows):
        make_rows(1)
        count_queries(client, url)  # warm caches (content types, session) first
        with_one = count_queries(client, url)
        make_rows(49)
        with_fifty = count_queries(client, url)
        assert with_one == with_fifty, f"{url}: {with_one} queries for 1 row, {with_fifty} for 50"
        return with_fifty

    return check


__all__ = ["assert_query_count_constant", "count_queries"]
