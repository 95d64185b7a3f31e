"""Public forms and token pages are rate limited per address and per email (issue 13), with a
readable 429 page; behind the trusted proxy each client's own address counts."""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.test import Client
from django.urls import reverse

from outreach.tests.test_businesses import FORM as BUSINESS_FORM
from outreach.tests.test_businesses import FORM_URL as BUSINESS_FORM_URL
from tests.test_public_forms_fuzz import outreach_registration, partner_registration, work_experience_interest

pytestmark = pytest.mark.django_db


def business_interest():
    return BUSINESS_FORM_URL, dict(BUSINESS_FORM)


def as_form(target):
    return lambda: (target().url, target().data)


# each public form that sends an email: (its rate-limit action, a valid submission)
FORMS = {
    "partner_register": as_form(partner_registration),
    "work_experience_interest": as_form(work_experience_interest),
    "outreach_register": as_form(outreach_registration),
    "outreach_business_interest": business_interest,
}


def limit(action):
    (rate,) = parse_rates(settings.ACCOUNT_RATE_LIMITS[action])
    return rate.amount


def post_from(address, url, data):
    return Client(REMOTE_ADDR=address).post(url, data)


def assert_readable_429(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many attempts</h1>" in page and "Nothing you sent this time has been saved" in page
    assert 'href="/"' in page  # the site's layout, a way on


@pytest.mark.parametrize("action", sorted(FORMS))
def test_one_email_address_is_limited_whatever_the_address_it_is_sent_from(action):
    url, data = FORMS[action]()
    answers = [post_from(f"203.0.113.{n}", url, data).status_code for n in range(limit(f"{action}_email") + 1)]
    assert 429 not in answers[:-1]
    assert_readable_429(post_from("203.0.113.200", url, data))
    # another inbox is not held back by it
    other = {**data, "email": "someone.else@example.org"}
    assert post_from("203.0.113.201", url, other).status_code != 429


@pytest.mark.parametrize("action", sorted(FORMS))
def test_one_address_is_limited_whatever_the_email_addresses(action, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: "3/h/ip"}
    url, data = FORMS[action]()
    answers = [post_from("198.51.100.7", url, {**data, "email": f"p{n}@example.org"}).status_code for n in range(3)]
    assert 429 not in answers
    assert_readable_429(post_from("198.51.100.7", url, {**data, "email": "p9@example.org"}))
    assert post_from("198.51.100.8", url, {**data, "email": "p10@example.org"}).status_code != 429


def test_correcting_typos_does_not_use_up_the_email_limit():
    url, data = as_form(partner_registration)()
    for _ in range(limit("partner_register_email") + 2):
        response = post_from("192.0.2.1", url, {**data, "postcode": "not a postcode"})
        assert response.status_code == 200 and "alert-danger" in response.content.decode()
    assert post_from("192.0.2.1", url, data).status_code == 302


def test_the_limits_leave_the_email_case_no_way_round(settings):
    url, data = as_form(work_experience_interest)()
    for n in range(limit("work_experience_interest_email")):
        post_from(f"192.0.2.{n + 10}", url, {**data, "email": data["email"].upper() if n % 2 else data["email"]})
    assert_readable_429(post_from("192.0.2.99", url, {**data, "email": " IVY@Example.org "}))


TOKEN_PAGES = [
    ("we_unsubscribe", ["00000000-0000-4000-8000-000000000000"]),
    ("outreach_cancel", ["x" * 40]),
    ("reference_form", ["x" * 40]),
    ("guardian_consent", ["x" * 40]),
    ("guardian_agreement_download", ["x" * 40]),
    ("equality_questions", ["x" * 40]),
    ("partner_join", ["x" * 40]),
]


def test_token_pages_together_are_limited_per_address_get_and_post():
    """Someone trying tokens: each wrong one is 'not found' until the address's allowance
    for all the token pages together is used, then a 429; another address is untouched."""
    urls = [reverse(name, args=args) for name, args in TOKEN_PAGES]
    browser = Client(REMOTE_ADDR="203.0.113.50")
    answers = []
    for n in range(limit("token_page")):
        url = urls[n % len(urls)]
        answers.append((browser.post if n % 3 == 0 else browser.get)(url).status_code)
    assert 429 not in answers
    for url in urls:
        assert_readable_429(browser.get(url))
    assert Client(REMOTE_ADDR="203.0.113.51").get(urls[0]).status_code == 404


def test_behind_the_proxy_each_client_is_counted_by_its_own_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "token_page": "2/h/ip"}
    url = reverse("outreach_cancel", args=["x" * 40])
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    assert [proxy.get(url, HTTP_X_FORWARDED_FOR="203.0.113.60").status_code for _ in range(2)] == [404, 404]
    assert proxy.get(url, HTTP_X_FORWARDED_FOR="203.0.113.60").status_code == 429
    # a second client behind the same proxy, even one claiming the first one's address
    assert proxy.get(url, HTTP_X_FORWARDED_FOR="203.0.113.60, 203.0.113.61").status_code == 404
