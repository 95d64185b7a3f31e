"""A superuser holds no role but may open the back office and every list the model backend
lets them (accounts.queues). Every link they are offered from their home, followed as far as
links go with the demo data loaded, opens: none turns them away (issue 9, "the bar never
offers a page that would turn the person away"). The vetting pages are for the vetting
role alone, not the admin (issue 10), so a superuser is not offered them."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.test_reachability import NOT_CRAWLED, Links, crawl, demo, route_name  # noqa: F401  (demo: a fixture)

pytestmark = pytest.mark.django_db


def _targets(here, response) -> set[str]:
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    parser: HTMLParser = Links()
    parser.feed(response.content.decode())
    paths = set()
    for target in parser.targets:
        parts = urlsplit(urljoin(here, target))
        ours = parts.netloc in ("", "testserver") and not parts.path.startswith("/admin/")
        if ours and (name := route_name(parts.path)) is not None and name not in NOT_CRAWLED:
            paths.add(parts.path)
    return paths


def test_every_link_a_superuser_is_offered_opens(client, demo):  # noqa: F811
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    offered = set()
    crawl(client, reverse("home"), on_page=lambda here, response: offered.update(_targets(here, response)))
    dead = {path: status for path in sorted(offered) if (status := client.get(path, follow=True).status_code) != 200}
    assert not dead, f"Links that turn a superuser away: {dead}"
    home = client.get(reverse("home")).content.decode()
    assert reverse("vetting_records") not in home and "Vetting to decide" not in home
