"""Local businesses supporting recruitment (issue 12; seed 004: "support Kent Police recruitment
as a local business in the Kent community"): the services and their transition table, the
database's own refusals, the public form (errors next to the fields, what was typed kept, never a
500, a double submit making one interest), the emails, the Diversity Placements Officer's list,
page and work-queue count, and the back office's export."""

from collections import Counter

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from accounts.audit import describe, history_for
from accounts.navigation import NavEntry, navigation_for
from accounts.queues import waiting_for
from kentplacements.workflow import DomainError
from notifications.models import Notification
from outreach.businesses.demo import BUSINESSES, seed_businesses_demo
from outreach.businesses.enums import BusinessInterestStatus, BusinessOffer
from outreach.businesses.models import BusinessInterest
from outreach.businesses.queues import BUSINESSES_LABEL
from outreach.businesses.services import (
    mark_contacted,
    mark_supporting,
    not_taken_forward,
    register_business_interest,
)
from tests.factories import UserFactory
from tests.test_exports import export

from .business_factories import (
    business_details,
    business_interest,
    business_not_taken_forward,
    contacted_business,
    supporting_business,
)

pytestmark = pytest.mark.django_db
S = BusinessInterestStatus
FORM_URL = reverse("outreach_business_interest")
LIST_URL = reverse("outreach_staff_businesses")
FORM = {
    "business_name": "O'Connor & Daughters Café",
    "area": "Folkestone",
    "contact_name": "Siobhan O'Connor",
    "job_title": "Owner",
    "email": "Siobhan@Example.org",
    "phone": "+44 (0)1303 850 123",
    "offers": ["venue", "sponsorship"],
    "offer_details": "Our upstairs room seats 30.",
    "website": "",
}


def page_of(interest):
    return reverse("outreach_staff_business", args=[interest.pk])


# --- the services ------------------------------------------------------------------------------


def test_registering_keeps_the_details_logs_it_and_emails_the_contact_what_happens_next():
    interest = business_interest(
        business_name="Medway Print", contact_name="Ade Bello", email="ade@example.org", offers=["venue", "mentoring"]
    )

    assert (interest.status, interest.offers) == (S.NEW, ["A venue for an event", "Mentoring or talks"])
    [entry] = history_for(interest)
    assert (entry.action, entry.actor, entry.to_state) == ("register_business_interest", None, S.NEW)
    [mail] = Notification.objects.all()
    assert mail.recipient == "ade@example.org"
    assert mail.subject == "Thank you for offering to support Kent Police recruitment"
    assert "Dear Ade Bello" in mail.body_text and "Medway Print" in mail.body_text
    assert "- A venue for an event\n- Mentoring or talks" in mail.body_text
    assert "Diversity Placements Officer" in mail.body_text and "within 10 working days" in mail.body_text
    assert "kent.diversity@kent.pnn.police.uk" in mail.body_text


def test_the_whole_follow_up_contacted_then_supporting_with_dated_signed_notes_and_a_thank_you():
    officer = UserFactory(full_name="Sarah Diversity")
    interest = business_interest(contact_name="Ade Bello", email="ade@example.org")

    mark_contacted(interest, by=officer, note="Rang Ade: will host the spring engagement day.")
    interest.refresh_from_db()
    assert (interest.status, interest.contacted_by, interest.decided_at) == (S.CONTACTED, officer, None)
    assert "Sarah Diversity: Rang Ade: will host the spring engagement day." in interest.follow_up_note
    assert Notification.objects.count() == 1  # being contacted needs no email

    mark_supporting(interest, by=officer, note="Hall booked for 3 May.")
    interest.refresh_from_db()
    assert (interest.status, interest.decided_by) == (S.SUPPORTING, officer)
    assert interest.follow_up_note.count("Sarah Diversity:") == 2
    thanks = Notification.objects.get(template="outreach/business_supporting")
    assert thanks.recipient == "ade@example.org"
    assert thanks.subject == "Thank you for supporting Kent Police recruitment"
    assert "as agreed with Sarah Diversity" in thanks.body_text and "/positive-action/events/" in thanks.body_text
    assert "Hall booked" not in thanks.body_text and "Rang Ade" not in thanks.body_text  # the notes are the staff's
    assert [e.action for e in history_for(interest).order_by("pk")] == [
        "register_business_interest",
        "mark_business_contacted",
        "mark_business_supporting",
    ]


def test_not_taken_forward_keeps_the_reason_for_staff_and_sends_nothing():
    officer = UserFactory()
    interest = business_not_taken_forward(by=officer)

    assert (interest.status, interest.not_taken_forward_reason, interest.decided_by) == (
        S.NOT_TAKEN_FORWARD,
        "Outside Kent.",
        officer,
    )
    assert interest.contacted_at is None  # closed without contact
    assert list(Notification.objects.values_list("template", flat=True)) == ["outreach/business_interest_received"]
    assert history_for(interest).order_by("pk").last().reason == "Outside Kent."


@pytest.mark.parametrize(
    ("make", "service", "problem"),
    [
        (business_interest, lambda i, by: mark_supporting(i, by=by), "Contact the business before"),
        (contacted_business, lambda i, by: mark_contacted(i, by=by, note="Again"), "already contacted"),
        (supporting_business, lambda i, by: mark_contacted(i, by=by, note="Again"), "already supporting recruitment"),
        (supporting_business, lambda i, by: not_taken_forward(i, by=by, reason="No"), "already supporting"),
        (business_not_taken_forward, lambda i, by: mark_supporting(i, by=by), "already not taken forward"),
        (business_interest, lambda i, by: mark_contacted(i, by=by, note="   "), "Say what was discussed"),
        (business_interest, lambda i, by: not_taken_forward(i, by=by, reason=""), "Say why"),
        (business_interest, lambda i, by: not_taken_forward(i, by=by, reason="x" * 501), "500 characters"),
        (business_interest, lambda i, by: mark_contacted(i, by=by, note="x" * 2001), "2000 characters"),
    ],
)
def test_each_service_refuses_what_the_transition_table_or_its_rules_forbid(make, service, problem):
    interest = make()
    before = BusinessInterest.objects.values().get(pk=interest.pk)

    with pytest.raises(DomainError, match=problem):
        service(interest, UserFactory())

    assert BusinessInterest.objects.values().get(pk=interest.pk) == before


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"offers": []}, "at least one way"),
        ({"offers": ["a_helicopter"]}, "at least one way"),
        ({"offers": [BusinessOffer.OTHER], "offer_details": " "}, "what else you could offer"),
        ({"business_name": " "}, "name of your business"),
        ({"email": ""}, "email address"),
        ({"area": ""}, "town or area"),
    ],
)
def test_registering_refuses_missing_details_from_any_caller(changes, problem):
    with pytest.raises(DomainError, match=problem):
        register_business_interest(**business_details(**changes))
    assert not BusinessInterest.objects.exists()


def test_a_second_interest_from_the_same_address_while_open_is_the_same_one_and_mails_once_a_day(time_machine):
    first = business_interest(email="ade@example.org")
    again = business_interest(email="ADE@example.org", business_name="Someone else")  # a double click

    assert again.pk == first.pk and BusinessInterest.objects.count() == 1
    assert Notification.objects.count() == 1
    time_machine.move_to("2030-01-02 10:00")
    business_interest(email="ade@example.org")
    assert Notification.objects.count() == 2  # a day later: the confirmation again

    not_taken_forward(first, by=UserFactory(), reason="Duplicate of a branch already supporting us.")
    later = business_interest(email="ade@example.org")
    assert later.pk != first.pk and later.status == S.NEW  # closed: a new interest is followed up afresh


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({field: False for field in ("offers_venue", "offers_promotion", "offers_sponsorship")}, "offers_something"),
        ({"offers_other": True, "offer_details": ""}, "other_is_described"),
        ({"status": S.CONTACTED}, "contacted_at_iff_contacted"),
        ({"status": S.NOT_TAKEN_FORWARD}, "decided_at_iff_decided"),
        ({"status": "lost"}, "status_valid"),
    ],
)
def test_the_database_refuses_what_the_services_never_write(changes, constraint):
    row = {**business_details(), "offers_sponsorship": True}
    row.pop("offers")
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        BusinessInterest.objects.create(**{**row, **changes})


def test_the_database_allows_one_open_interest_per_address_whatever_its_case():
    business_interest(email="ade@example.org")
    row = {**business_details(email="Ade@Example.org"), "offers_venue": True}
    row.pop("offers")
    with pytest.raises(IntegrityError, match="one_open_business_interest"), transaction.atomic():
        BusinessInterest.objects.create(**row)


# --- the public form -----------------------------------------------------------------------------


def test_the_positive_action_page_links_the_form_in_the_seeds_words(client):
    page = client.get(reverse("outreach_events")).content.decode()
    assert "support Kent Police recruitment as a local business in the Kent community" in page
    assert f'href="{FORM_URL}">Support recruitment as a local business</a>' in page


def test_registering_on_the_form_ends_on_the_thank_you_page_with_the_address(client):
    response = client.post(FORM_URL, FORM, follow=True)

    assert response.redirect_chain == [(reverse("outreach_business_thanks"), 302)]
    page = response.content.decode()
    assert "Thank you for offering your support" in page and "<strong>Siobhan@Example.org</strong>" in page
    assert "What happens next" in page and "within 10 working days" in page
    interest = BusinessInterest.objects.get()
    assert (interest.business_name, interest.phone, interest.offers_venue, interest.offers_mentoring) == (
        "O'Connor & Daughters Café",
        "01303 850123",
        True,
        False,
    )
    assert Notification.objects.get().recipient == "Siobhan@Example.org"


def test_a_double_submit_makes_one_interest_and_the_same_page(client):
    first = client.post(FORM_URL, FORM, follow=True).content.decode()
    again = client.post(FORM_URL, FORM, follow=True).content.decode()

    assert first == again
    assert BusinessInterest.objects.count() == 1 and Notification.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"business_name": ""}, "business_name", "Enter the name of your business."),
        ({"business_name": "   "}, "business_name", "Enter the name of your business."),
        ({"business_name": "x" * 201}, "business_name", "at most 200 characters"),
        ({"area": ""}, "area", "Enter the town or area in Kent"),
        ({"contact_name": ""}, "contact_name", "Enter the name of the person we should contact."),
        ({"email": "siobhan"}, "email", "Enter an email address like name@example.org."),
        ({"email": ""}, "email", "Enter an email address we can reach you on."),
        ({"email": "a" * 250 + "@example.org"}, "email", "at most 254 characters"),
        ({"phone": "12"}, "phone", "Enter a UK phone number"),
        ({"offers": []}, "offers", "Choose at least one way you could support recruitment."),
        ({"offers": ["a_helicopter"]}, "offers", "Choose at least one way"),
        ({"offers": ["other"], "offer_details": ""}, "offer_details", "Tell us what else you could offer."),
        ({"offer_details": "x" * 2001}, "offer_details", "at most 2000 characters"),
    ],
)
def test_a_problem_is_shown_next_to_its_field_and_what_was_typed_stays(client, changes, field, message):
    response = client.post(FORM_URL, {**FORM, **changes})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    page = response.content.decode()
    assert "alert-danger" in page
    if field != "offer_details":
        assert escape("Our upstairs room seats 30.") in page
    if field != "business_name":
        assert escape("O'Connor & Daughters Café") in page
    assert not BusinessInterest.objects.exists() and not Notification.objects.exists()


def test_an_empty_form_asks_for_each_required_field(client):
    response = client.post(FORM_URL, {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"business_name", "area", "contact_name", "email", "offers"}


def test_a_robot_filling_the_hidden_box_is_thanked_and_nothing_is_kept(client):
    response = client.post(FORM_URL, {**FORM, "website": "http://spam.example"}, follow=True)
    assert "Thank you for offering your support" in response.content.decode()
    assert not BusinessInterest.objects.exists() and not Notification.objects.exists()


def test_the_form_is_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "outreach_business_interest": "2/h/ip"}
    answers = [client.post(FORM_URL, {**FORM, "email": f"b{n}@example.org"}).status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert BusinessInterest.objects.count() == 2


# --- the Diversity Placements Officer's pages ------------------------------------------------------


def test_the_officer_sees_the_count_of_new_businesses_on_her_home_and_it_opens_them(client, diversity_officer):
    new = business_interest(business_name="Medway Print")
    contacted_business(business_name="Ashford Signs")
    business_not_taken_forward(business_name="Croydon Lettings")

    [waiting] = [w for w in waiting_for(diversity_officer) if w.label == BUSINESSES_LABEL]
    assert waiting.count == 1
    client.force_login(diversity_officer)
    home = client.get(reverse("staff_dashboard")).content.decode()
    assert BUSINESSES_LABEL in home
    assert list(client.get(waiting.url).context["page"].object_list) == [new]
    assert NavEntry("Local businesses", LIST_URL) in navigation_for(diversity_officer)


def test_the_count_and_the_bar_entry_are_the_officers_alone(recruiter, head_of_resourcing):
    business_interest()
    for person in (recruiter, head_of_resourcing):
        assert BUSINESSES_LABEL not in [w.label for w in waiting_for(person)]
        assert "Local businesses" not in [entry.label for entry in navigation_for(person)]


def test_the_list_filters_by_status_and_shows_who_followed_up(client, diversity_officer):
    officer = UserFactory(full_name="Sarah Diversity")
    business_interest(business_name="Medway Print")
    contacted_business(by=officer, business_name="Ashford Signs")
    client.force_login(diversity_officer)

    everything = client.get(LIST_URL).content.decode()
    assert "Medway Print" in everything and "Ashford Signs" in everything
    contacted = client.get(LIST_URL, {"status": "contacted"}).content.decode()
    assert "Medway Print" not in contacted and "Sarah Diversity" in contacted
    # a status that is not one of ours: every business, not a server error
    assert client.get(LIST_URL, {"status": "lost", "page": "x"}).status_code == 200


def test_the_list_keeps_its_query_count(client, diversity_officer, assert_query_count_constant):
    client.force_login(diversity_officer)

    def make(n):
        for _ in range(n):
            contacted_business(by=diversity_officer)

    assert_query_count_constant(client, LIST_URL, make, queries=8)


def test_the_officer_records_the_contact_then_the_support_from_the_business_page(client, diversity_officer):
    interest = business_interest(business_name="O'Connor & Daughters Café", offer_details="Our hall seats 30.")
    client.force_login(diversity_officer)

    page = client.get(page_of(interest)).content.decode()
    assert escape("O'Connor & Daughters Café") in page and "Our hall seats 30." in page
    assert "Record that you contacted them" in page and "Not taken forward" in page
    assert "They are supporting recruitment" not in page

    url = reverse("outreach_staff_business_contacted", args=[interest.pk])
    refused = client.post(url, {"contacted-note": "  "})
    assert refused.status_code == 200
    assert "Say what was discussed" in " ".join(refused.context["follow_ups"][0].errors["note"])
    response = client.post(url, {"contacted-note": "Rang them: keen."}, follow=True)
    assert response.redirect_chain == [(page_of(interest), 302)]
    page = response.content.decode()
    assert "The contact is recorded." in page and "Rang them: keen." in page
    assert "They are supporting recruitment" in page

    url = reverse("outreach_staff_business_supporting", args=[interest.pk])
    page = client.post(url, {"supporting-note": ""}, follow=True).content.decode()
    assert "Recorded as supporting recruitment" in page and "there is nothing more to do" in page
    interest.refresh_from_db()
    assert (interest.status, interest.contacted_by, interest.decided_by) == (
        S.SUPPORTING,
        diversity_officer,
        diversity_officer,
    )
    # the same button again (another tab): said on the page, nothing changes
    page = client.post(url, {"supporting-note": ""}, follow=True).content.decode()
    assert "already supporting recruitment" in page
    assert Notification.objects.filter(template="outreach/business_supporting").count() == 1


def test_not_taken_forward_needs_a_reason_and_shows_it(client, diversity_officer):
    interest = business_interest()
    client.force_login(diversity_officer)
    url = reverse("outreach_staff_business_ntf", args=[interest.pk])

    refused = client.post(url, {"ntf-reason": ""})
    assert refused.status_code == 200 and "Say why the interest is not taken forward." in refused.content.decode()
    page = client.post(url, {"ntf-reason": "Outside Kent."}, follow=True).content.decode()
    assert "Why not taken forward" in page and "Outside Kent." in page


def test_the_staff_pages_of_a_business_that_is_not_there_are_not_found(client, diversity_officer):
    client.force_login(diversity_officer)
    assert client.get(reverse("outreach_staff_business", args=[999999])).status_code == 404
    assert client.post(reverse("outreach_staff_business_contacted", args=[999999])).status_code == 404


def test_the_log_reads_as_sentences(diversity_officer):
    officer = UserFactory(full_name="Sarah Diversity")
    interest = supporting_business(by=officer, business_name="Medway Print")
    changes = describe(history_for(interest).order_by("pk"), diversity_officer)
    sentences = [f"{c.actor} {c.verb} {c.record}" for c in changes]
    assert sentences == [
        "A member of the public registered the interest of Medway Print",
        "Sarah Diversity followed up the interest of Medway Print",
        "Sarah Diversity welcomed the support of Medway Print",
    ]


# --- the back office -------------------------------------------------------------------------------


def test_the_export_names_its_columns_and_shows_labels(client, diversity_officer):
    supporting_business(business_name="Medway Print", offers=["venue", "mentoring"])
    client.force_login(diversity_officer)

    _, rows = export(client, "outreach/businessinterest", "csv")

    [row] = rows
    assert row["Business"] == "Medway Print" and row["Status"] == "Supporting recruitment"
    assert row["A venue for an event"] == "Yes" and row["Sponsorship or refreshments"] == "No"
    assert "Rang them; keen to help." in row["Follow-up notes"]


def test_the_back_office_search_finds_a_business_by_contact_and_keeps_the_services_fields_read_only(
    client, diversity_officer
):
    interest = business_interest(business_name="Medway Print", contact_name="Ade Bello")
    business_interest(business_name="Ashford Signs")
    client.force_login(diversity_officer)

    found = client.get(reverse("admin:outreach_businessinterest_changelist"), {"q": "Bello"})
    assert list(found.context["cl"].result_list) == [interest]
    form = client.get(reverse("admin:outreach_businessinterest_change", args=[interest.pk])).context["adminform"]
    assert {"status", "follow_up_note", "contacted_by", "not_taken_forward_reason"} <= set(form.readonly_fields)


# --- the demo --------------------------------------------------------------------------------------


def test_the_demo_gives_the_officer_businesses_in_each_status_and_is_safe_to_run_again(diversity_officer):
    for _ in range(2):
        seed_businesses_demo(officer=diversity_officer, domain="demo.example")

    final = {(): S.NEW, ("contacted",): S.CONTACTED, ("contacted", "supporting"): S.SUPPORTING}
    expected = Counter(final.get(spec["then"], S.NOT_TAKEN_FORWARD) for spec in BUSINESSES)
    assert Counter(BusinessInterest.objects.values_list("status", flat=True)) == expected
    assert set(expected) == set(S.values)  # something in every status
    [waiting] = [w for w in waiting_for(diversity_officer) if w.label == BUSINESSES_LABEL]
    assert waiting.count == expected[S.NEW]
