"""kentplacements.pagination.page_of: 50 rows a page, a count the page already has taken as
given (no COUNT query), and links that keep the rest of the address (issue 13)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from kentplacements.pagination import PAGE_SIZE, page_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def get(query):
    return RequestFactory().get("/staff/list/", query)


def test_a_count_given_is_not_counted_again():
    UserFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        page = page_of(get({}), User.objects.order_by("pk"), count=3)
        assert len(page) == 3
    assert len(queries) == 1 and "COUNT" not in queries[0]["sql"]


def test_the_links_keep_the_rest_of_the_address():
    users = UserFactory.create_batch(PAGE_SIZE + 1)
    rows = User.objects.order_by("pk")
    page = page_of(get({"status": "open", "other_page": "2"}), rows, parameter="other_page")
    assert list(page) == users[PAGE_SIZE:]
    assert (page.previous_link, page.next_link) == ("?status=open&other_page=1", "")
    first = page_of(get({"other_page": "x"}), rows, parameter="other_page")  # a bad number: the first page
    assert (first.number, first.previous_link, first.next_link) == (1, "", "?other_page=2")
