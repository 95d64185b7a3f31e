"""axe-core on every public page: 0 violations at WCAG 2.2 A/AA.

"Public" is read from the permission matrix (what an anonymous visitor may open), so a
new public page is checked the day it is added."""

import pytest

from tests.matrix import PROBES
from tests.test_permission_matrix import ANONYMOUS, MATRIX
from tests.urlwalk import all_routes

pytestmark = pytest.mark.django_db(transaction=True)


def public_urls():
    pages = [r for r in all_routes() if r.key in MATRIX and r.key not in PROBES]
    return [r.url for r in pages if MATRIX[r.key](ANONYMOUS) == "200"]


def test_public_pages_meet_wcag_22_aa(page, live_server, axe_check):
    urls = [*public_urls(), "/no-such-page/"]  # the 404 page too
    assert "/" in urls and "/accounts/login/" in urls
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status in (200, 404), url
        axe_check(page)


def test_pages_work_without_a_mouse(page, live_server):
    """The skip link is the first thing a keyboard user reaches, and it moves focus to main."""
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
