"""The recruitment team's application page (issue 10): details without vetting detail,
history in words, one form per move they make, each through its service; the Head of
Resourcing reads it and moves nothing."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from accounts.audit import record_action
from notifications.models import Notification
from placements.enums import ApplicationStatus, DeclineReason, ExceptionRule
from placements.services.work_experience import shortlist_application, start_vetting
from vetting.enums import ReferenceStatus
from vetting.services.checks import checks_of, clear_check, start_check
from vetting.services.references import references_for, references_page

from .work_experience_factories import ApplicationFactory, ready_to_confirm

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def page(application):
    return reverse("we_staff_application", args=[application.pk])


def move(client, application, step):
    return client.post(reverse("we_staff_move", args=[application.pk, step]), follow=True)


def test_the_dashboard_rows_open_the_application_page(client, recruiter):
    application = ApplicationFactory(applicant__full_name="Alex Applicant")
    client.force_login(recruiter)
    dashboard = client.get(reverse("we_programme_dashboard", args=[application.programme.pk])).content.decode()
    assert f'href="{page(application)}">Alex Applicant</a>' in dashboard


def test_the_page_shows_the_application_and_its_history_in_words(client, recruiter):
    application = shortlist_application(
        ApplicationFactory(applicant__full_name="Alex Applicant", statement="I want to help."), by=recruiter
    )
    client.force_login(recruiter)
    html = client.get(page(application)).content.decode()
    for text in ("Alex Applicant", "Shortlisted", "I want to help.", "Pat Parent", "shortlisted", "Start vetting"):
        assert text in html
    assert "Shortlist</button>" not in html  # the move already made is not offered again


def test_shortlisting_from_the_page_moves_it_and_emails_the_applicant(client, recruiter):
    application = ApplicationFactory()
    client.force_login(recruiter)
    response = move(client, application, "shortlist")
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    assert "is shortlisted" in response.content.decode()
    assert Notification.objects.filter(recipient=application.applicant.email, template="placements/we_shortlisted")


def test_a_move_the_table_refuses_is_explained_and_changes_nothing(client, recruiter):
    application = ApplicationFactory()
    client.force_login(recruiter)
    response = move(client, application, "complete")
    application.refresh_from_db()
    assert application.status == S.APPLIED
    assert "Applied" in response.content.decode() and not Notification.objects.exists()


def test_an_unknown_step_is_not_found(client, recruiter):
    client.force_login(recruiter)
    response = client.post(reverse("we_staff_move", args=[ApplicationFactory().pk, "teleport"]))
    assert response.status_code == 404


def test_a_draft_is_listed_and_read_but_offers_no_move(client, recruiter):
    draft = ApplicationFactory(status=S.DRAFT, applicant__full_name="Dana Draft")
    client.force_login(recruiter)
    dashboard = client.get(reverse("we_programme_dashboard", args=[draft.programme.pk])).content.decode()
    assert "Dana Draft" in dashboard
    html = client.get(page(draft)).content.decode()
    assert "Draft (not sent)" in html and "Next steps" not in html and "Make an exception" not in html


def test_confirming_waits_for_what_is_missing_and_says_it(client, recruiter):
    """A reference asked for again after the joining instructions went (protocol 3.3.2)."""
    application = ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING))
    client.force_login(recruiter)
    assert "Confirm the place</button>" in client.get(page(application)).content.decode()
    references_for(application).update(status=ReferenceStatus.REQUESTED, received_at=None, recommendation="")
    html = client.get(page(application)).content.decode()
    assert "The place cannot be confirmed yet" in html and "The references are not all received." in html
    assert "Confirm the place</button>" not in html


def test_declining_shows_the_error_next_to_the_field_and_keeps_the_note(client, recruiter):
    application = ApplicationFactory()
    client.force_login(recruiter)
    url = reverse("we_staff_decline", args=[application.pk])
    html = client.post(url, {"note": "Sent abusive emails."}).content.decode()
    assert "Choose the reason." in html and "Sent abusive emails." in html
    client.post(url, {"reason": DeclineReason.CONDUCT, "note": "Sent abusive emails."})
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == (S.DECLINED, DeclineReason.CONDUCT)


def test_discontinuing_for_conduct_tells_the_participant_guardian_and_school(client, recruiter):
    application = ApplicationFactory(status=S.ATTENDING, school_email="wex@school.example.org")
    client.force_login(recruiter)
    url = reverse("we_staff_discontinue", args=[application.pk])
    assert "Give the conduct reason" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "Abusive language to an officer."})
    application.refresh_from_db()
    assert application.status == S.DISCONTINUED
    sent = dict(Notification.objects.values_list("recipient", "template"))
    assert sent == {
        application.applicant.email: "placements/we_discontinued",
        "pat.parent@example.org": "placements/we_discontinued_guardian",
        "wex@school.example.org": "placements/we_discontinued_school",
    }


def test_the_head_of_resourcing_reads_the_page_and_is_offered_no_move(client, head_of_resourcing):
    application = ApplicationFactory()
    client.force_login(head_of_resourcing)
    html = client.get(page(application)).content.decode()
    assert "Next steps" not in html and "Shortlist</button>" not in html
    assert move(client, application, "shortlist").status_code == 403


def test_the_first_day_offers_attending(client, recruiter):
    application = ApplicationFactory(status=S.CONFIRMED)
    with time_machine.travel(date(2027, 7, 19)):
        client.force_login(recruiter)
        move(client, application, "mark_attending")
    application.refresh_from_db()
    assert application.status == S.ATTENDING


def test_the_page_query_count_does_not_grow_with_the_history(client, recruiter, assert_query_count_constant):
    application = ApplicationFactory(status=S.SHORTLISTED)
    client.force_login(recruiter)

    def make_rows(n):
        for _ in range(n):
            record_action(application, action="note", by=recruiter, reason="Phoned the school.")

    # 12 with 1 history entry and with 50 (measured on issue 10): the history is read in one
    # go, and the vetting outcome costs one (the application's checks)
    assert_query_count_constant(client, page(application), make_rows, queries=12)


def test_the_head_of_resourcing_makes_an_exception_from_the_page(client, head_of_resourcing):
    draft = ApplicationFactory(status=S.DRAFT, applicant__full_name="Dana Draft")
    client.force_login(head_of_resourcing)
    assert reverse("we_staff_exception", args=[draft.pk]) in client.get(page(draft)).content.decode()
    url = reverse("we_staff_exception", args=[draft.pk])
    html = client.post(url, {"rule": ExceptionRule.CRITERION, "rationale": "Lives just outside Kent."}).content.decode()
    assert "Choose the criterion the exception is for." in html and "Lives just outside Kent." in html
    response = client.post(url, {"rule": ExceptionRule.MINIMUM_AGE, "rationale": "Turns 16 on day two."}, follow=True)
    html = response.content.decode()
    assert "The minimum age</strong>:\n          Turns 16 on day two." in html
    assert "made an exception to the protocol for" in html  # the history, in words


def test_the_recruitment_team_cannot_make_an_exception(client, recruiter):
    draft = ApplicationFactory(status=S.DRAFT)
    client.force_login(recruiter)
    url = reverse("we_staff_exception", args=[draft.pk])
    assert client.post(url, {"rule": ExceptionRule.MINIMUM_AGE, "rationale": "Because."}).status_code == 403
    assert not draft.exceptions.exists()


def test_the_staff_home_queue_list_opens_the_application_page(client, recruiter):
    application = ApplicationFactory(applicant__full_name="Alex Applicant")
    client.force_login(recruiter)
    html = client.get(
        reverse("admin:placements_workexperienceapplication_changelist") + "?queue=applications_to_shortlist"
    )
    assert f'<a href="{page(application)}">Open Alex Applicant’s application</a>' in html.content.decode()


def test_the_page_says_where_vetting_is_and_no_more(client, recruiter, vetting_officer):
    """Issue 10: the team sees "cleared / not cleared / in progress", never a check's notes."""
    application = start_vetting(ApplicationFactory(status=S.SHORTLISTED), by=recruiter)
    client.force_login(recruiter)
    assert "Vetting: <strong>In progress</strong>" in client.get(page(application)).content.decode()
    for check in checks_of(application):
        clear_check(start_check(check, by=vetting_officer, notes="PNC by phone"), by=vetting_officer)
    html = client.get(page(application)).content.decode()
    assert "Vetting: <strong>Cleared</strong>" in html and "PNC by phone" not in html


def test_the_page_links_to_the_references_for_those_who_ask_for_them(client, recruiter, head_of_resourcing):
    application = ApplicationFactory(status=S.VETTING, applicant__full_name="Alex Applicant")
    link = f'href="{references_page(application)}">References for Alex Applicant</a>'
    client.force_login(recruiter)
    assert link in client.get(page(application)).content.decode()
    client.force_login(head_of_resourcing)  # reads the application, not its references
    assert "References for" not in client.get(page(application)).content.decode()
