"""Site-wide behaviour: pages in the layout, security headers, error pages, workflow."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.audit import record_action
from accounts.demo import DEMO_PEOPLE, demo_email
from accounts.models import ActionLog, User
from accounts.roles import STAFF_ROLES, has_role
from kentplacements.workflow import TransitionNotAllowed, Workflow
from outreach.programme.demo import OTHERS as PROGRAMME_CANDIDATES
from placements.demo import DEMO_PARTICIPANTS, DEMO_PARTNERS
from placements.demo_monitoring import PAST_APPLICANTS
from placements.enums import ApplicationStatus
from placements.models import PartnerOrganisation, WorkExperienceApplication
from placements.services.work_experience import missing_for_confirmation, missing_for_joining_instructions
from placements.tests.work_experience_factories import ProgrammeFactory
from tests.factories import UserFactory
from vetting.services.references import references_for
from volunteers.demo import OTHER_APPLICANTS as DEMO_VOLUNTEER_APPLICANTS
from volunteers.demo import TESTED_APPLICANTS, VETTED_APPLICANTS
from volunteers.demo_hours import ACTIVE_VOLUNTEERS
from volunteers.demo_training import TRAINEES

pytestmark = pytest.mark.django_db


def test_landing_page_needs_no_database_for_a_visitor(client):
    client.get(reverse("landing"))  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("landing"))
    assert response.status_code == 200
    assert len(queries) == 0


def test_every_page_carries_the_security_headers(client):
    response = client.get(reverse("landing"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_base_layout_has_skip_link_and_landmarks(client):
    page = client.get(reverse("landing")).content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in page
    for landmark in ("<header", '<nav class="navbar', '<main id="main"', "<footer"):
        assert landmark in page
    assert "style=" not in page and "<script>" not in page  # CSP: no inline style or script


def test_not_found_page_is_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_forbidden_page_is_in_the_site_layout(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("staff_dashboard"))
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


@pytest.mark.allow_error_logs
def test_server_error_page_is_in_the_site_layout(rf):
    from kentplacements.views import server_error

    request = rf.get("/")
    request.user = UserFactory()
    response = server_error(request)
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_workflow_allows_only_listed_moves():
    workflow = Workflow({"interested": {"approved", "declined"}, "approved": {"active"}})
    assert workflow.can("interested", "approved")
    assert not workflow.can("approved", "interested")
    with pytest.raises(TransitionNotAllowed, match="cannot move from “declined” to “active”"):
        workflow.check("declined", "active")


def test_action_log_records_who_what_and_why():
    officer = UserFactory()
    partner = PartnerOrganisation.objects.create(name="Maidstone Mind", kind="charity", postcode="ME14 1XX")
    record_action(partner, action="approve", by=officer, from_state="interested", to_state="approved", reason="ok")
    entry = ActionLog.objects.get()
    assert entry.subject == partner
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (officer, "interested", "approved", "ok")


def test_seed_demo_creates_one_person_per_role_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    # DEMO_IN_VETTING, DEMO_AWAITING_ATTENDANCE, DEMO_COMPLETED, and the past programme's applicants of the
    # monitoring page's figures
    assert User.objects.count() == (
        len(DEMO_PEOPLE)
        + len(DEMO_PARTICIPANTS)
        + 3
        + len(PAST_APPLICANTS)
        + len(DEMO_VOLUNTEER_APPLICANTS)
        + len(TESTED_APPLICANTS)
        + len(VETTED_APPLICANTS)
        + len(TRAINEES)
        + 1  # volunteers.demo_training.VOLUNTEER
        + len(ACTIVE_VOLUNTEERS)
        + 1  # outreach.programme.demo's candidate, who logs in
        + len(PROGRAMME_CANDIDATES)
    )
    # the applicant in vetting has a reference answered and one waiting (issue 10)
    in_vetting = WorkExperienceApplication.objects.get(status=ApplicationStatus.VETTING)
    assert sorted(references_for(in_vetting).values_list("status", flat=True)) == ["received", "requested"]
    # protocol 3.3.2: every place confirmed met what confirming waits for, and the applicant
    # waiting to confirm attendance had what the joining instructions wait for
    confirmed = WorkExperienceApplication.objects.filter(status=ApplicationStatus.CONFIRMED)
    assert confirmed.count() == len(DEMO_PARTICIPANTS) + 1
    assert [missing_for_confirmation(application) for application in confirmed] == [[]] * confirmed.count()
    answering = WorkExperienceApplication.objects.get(status=ApplicationStatus.AGREEMENT_PENDING)
    assert missing_for_joining_instructions(answering) == [] and answering.joining_instructions_sent_at
    assert missing_for_confirmation(answering) == ["the applicant has not confirmed they will attend"]
    for role, login, _name in DEMO_PEOPLE:
        user = User.objects.get(email=demo_email(login))
        assert has_role(user, role)
        assert user.check_password("Kent-Demo-2026")
        assert user.authenticator_set.exists() == (role in STAFF_ROLES)
    assert PartnerOrganisation.objects.count() == len(DEMO_PARTNERS)


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_logins_reach_their_home(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for role, login, _name in DEMO_PEOPLE:
        client.force_login(User.objects.get(email=demo_email(login)))
        expected = "staff_dashboard" if role in STAFF_ROLES else "my_account"
        assert client.get(reverse("home")).url == reverse(expected), role
        assert client.get(reverse(expected)).status_code == 200, role


@pytest.fixture
def add_log_entries(recruiter):
    # a record the recruitment team may see (issue 9: each role reads the log of its records)
    programme = ProgrammeFactory(title="Summer work experience 2027")

    def make_rows(n):
        # two kinds of record, as the home's newest ten hold with 1 row (the persona's role) and with 50
        for _ in range(n):
            record_action(programme, action="open", by=recruiter, from_state="draft", to_state="open")
            record_action(recruiter, action="assign_role", to_state="recruitment_team")

    return make_rows


@pytest.mark.parametrize(
    # the dashboard: one fewer since "Your community placements" asks the bar's gate (issue 10),
    # one more (18 -> 19) for the team's "Joining instructions to send" count, one more (21)
    # for "Medical certificates to check", one more (23) for "Volunteer offers outstanding", one
    # more (24) for "Candidates you buddy" (issue 12: every member of staff may be a buddy)
    ("url_name", "queries"),
    [("admin:accounts_actionlog_changelist", 16), ("staff_dashboard", 24)],
)
def test_action_log_lists_query_count_is_constant(
    url_name, queries, client, recruiter, add_log_entries, assert_query_count_constant
):
    client.force_login(recruiter)
    assert_query_count_constant(client, reverse(url_name), add_log_entries, queries=queries)


def test_expired_form_page_is_in_the_site_layout():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1622", "'+44 1622"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Maidstone Mind", "Maidstone Mind"),
        (-2, -2),  # numbers are numbers, not formulas
        (None, None),
    ],
)
def test_spreadsheet_cells_never_run_as_formulas(cell, exported):
    from kentplacements.spreadsheets import escape_formula

    assert escape_formula(cell) == exported


def test_each_home_leads_to_the_persons_work(client, diversity_officer, partner_contact):
    client.force_login(diversity_officer)
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert reverse("staff_partner_list") in page and reverse("allocation_cohorts") in page
    client.force_login(partner_contact)
    assert reverse("partner_portal") in client.get(reverse("my_account")).content.decode()
