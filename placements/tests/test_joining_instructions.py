"""Protocol 3.3.2, in its order (issue 10): once the checks and references are complete
(and the agreement signed, 3.4.1) the team sends the joining instructions; the applicant
confirms they will attend; then the place is confirmed. The service, its refusals and
emails, the application page's button and the admin action."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import ActionLog
from accounts.roles import Role
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.enums import ApplicationStatus
from placements.services.placement_days import confirm_attendance
from placements.services.work_experience import confirm_application, send_joining_instructions
from tests.factories import UserFactory
from vetting.models import Reference, VettingCheck, WorkPlacementAgreement
from vetting.services.references import references_for

from .test_work_experience_admin import act
from .work_experience_factories import ApplicationFactory, ready_for_joining_instructions, ready_to_confirm

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def waiting(**fields):
    """An application whose agreement is signed, its checks cleared and a reference in."""
    return ready_for_joining_instructions(ApplicationFactory(status=S.AGREEMENT_PENDING, **fields))


def emails(application, template):
    return Notification.objects.filter(recipient=application.applicant.email, template=f"placements/{template}")


def unclear_checks(application):
    VettingCheck.objects.filter(object_id=application.pk).delete()


def unsign_agreement(application):
    WorkPlacementAgreement.objects.filter(object_id=application.pk).delete()


def remove_references(application):
    references_for(application).delete()


@pytest.mark.parametrize(
    ("undo", "words"),
    [
        (unclear_checks, "the vetting checks are not all cleared"),
        (remove_references, "the references are not all received"),
        (unsign_agreement, "the Work Placement Agreement is not signed by everyone"),
    ],
)
def test_the_joining_instructions_wait_for_each_requirement_and_name_it(recruiter, undo, words):
    application = waiting()
    undo(application)
    with pytest.raises(DomainError, match=f"cannot be sent yet: {words}"):
        send_joining_instructions(application, by=recruiter)
    application.refresh_from_db()
    assert application.joining_instructions_sent_at is None and not emails(application, "we_joining_instructions")


@pytest.mark.parametrize("status", [S.CLEARED, S.CONFIRMED, S.WITHDRAWN])
def test_the_joining_instructions_go_only_while_the_agreement_is_pending(recruiter, status):
    application = ready_for_joining_instructions(ApplicationFactory(status=status))
    with pytest.raises(DomainError, match="once the Work Placement Agreement has been asked for"):
        send_joining_instructions(application, by=recruiter)
    assert not emails(application, "we_joining_instructions")


@pytest.mark.parametrize("role", [Role.HEAD_OF_RESOURCING, Role.VETTING_OFFICER, Role.APPLICANT])
def test_only_the_recruitment_team_sends_the_joining_instructions(role):
    application = waiting()
    with pytest.raises(DomainError, match="Only the Corporate Recruitment Team"):
        send_joining_instructions(application, by=UserFactory(roles=[role]))
    assert not emails(application, "we_joining_instructions")


def test_the_joining_instructions_go_to_the_applicant_once(recruiter):
    application = send_joining_instructions(waiting(), by=recruiter)
    assert application.status == S.AGREEMENT_PENDING and application.joining_instructions_sent_at is not None
    sent_at = application.joining_instructions_sent_at
    again = send_joining_instructions(application, by=recruiter)  # a double click
    assert again.joining_instructions_sent_at == sent_at
    (email,) = emails(application, "we_joining_instructions")
    assert email.subject == "Your joining instructions for work experience"
    for text in (
        "Here are your joining instructions for",
        "Monday 19 July 2027",
        "Arrive at:   8:45 on the first day",
        "Kent Police College, Maidstone",
        "Photo ID and a packed lunch.",
        "Smart clothes and comfortable shoes.",
        "Corporate Recruitment Team, 01622 690690",
        "Please confirm by Monday 12 July 2027",
        f"http://127.0.0.1:8000/work-experience/attendance/{application.pk}/",
    ):
        assert text in email.body_text
    assert "is confirmed" not in email.body_text  # not yet: it waits for their answer
    assert ActionLog.objects.filter(action="send_joining_instructions", object_id=str(application.pk)).count() == 1


def test_attendance_is_confirmed_after_the_joining_instructions_and_before_the_place(recruiter):
    application = waiting()
    with pytest.raises(DomainError, match="once we have sent your joining instructions"):
        confirm_attendance(application, by=application.applicant)
    application = send_joining_instructions(application, by=recruiter)
    application = confirm_attendance(application, by=application.applicant)
    assert application.status == S.AGREEMENT_PENDING and application.attendance_confirmed_at is not None


def test_confirming_waits_for_the_references(recruiter):
    application = ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING))
    Reference.objects.filter(object_id=application.pk).update(status="requested", received_at=None, recommendation="")
    with pytest.raises(DomainError, match="cannot be confirmed yet: the references are not all received"):
        confirm_application(application, by=recruiter)
    application.refresh_from_db()
    assert application.status == S.AGREEMENT_PENDING


def test_confirming_waits_for_the_applicant_to_confirm_attendance(recruiter):
    application = send_joining_instructions(waiting(), by=recruiter)
    with pytest.raises(DomainError, match="cannot be confirmed yet: the applicant has not confirmed they will attend"):
        confirm_application(application, by=recruiter)
    application.refresh_from_db()
    assert application.status == S.AGREEMENT_PENDING and not emails(application, "we_confirmed")


def test_confirming_tells_the_applicant_their_place_is_confirmed(recruiter):
    application = confirm_application(ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING)), by=recruiter)
    application.programme.refresh_from_db()
    assert application.status == S.CONFIRMED and application.programme.places_confirmed == 1
    (email,) = emails(application, "we_confirmed")
    assert email.subject == "Your work experience place is confirmed"
    for text in (
        f"Your place on {application.programme.title} is confirmed",
        "Monday 19 July 2027",
        "8:45",
        "Kent Police College, Maidstone",
        "We have written to your parent or guardian too",  # 17 on the first day (protocol 3.5.3)
    ):
        assert text in email.body_text


def test_a_participant_under_18_has_their_parent_or_guardian_told_when_and_where(recruiter):
    """Protocol 3.5.3: the parent or guardian consented, so they are told the place is confirmed:
    the dates, the venue, the arrival time and who to call; no link (they have no account)."""
    application = confirm_application(ready_to_confirm(ApplicationFactory(status=S.AGREEMENT_PENDING)), by=recruiter)
    (email,) = Notification.objects.filter(template="placements/we_confirmed_guardian")
    assert email.recipient == "pat.parent@example.org" == application.guardian_email
    assert email.subject == f"{application.applicant.full_name}'s work experience place is confirmed"
    assert not email.sensitive
    for text in (
        "Dear Pat Parent,",
        f"{application.applicant.full_name}'s place on {application.programme.title} is confirmed",
        "Monday 19 July 2027 to",
        "Arrive at:   8:45 on the first day",
        "Kent Police College, Maidstone",
        "Corporate Recruitment Team, 01622 690690",
        "your consent",
    ):
        assert text in email.body_text, text
    assert "http" not in email.body_text and "/" not in email.subject


def test_an_adults_parents_are_not_written_to(recruiter):
    # a guardian's address left on the application of someone 18 on the first day is not used
    application = ApplicationFactory(status=S.AGREEMENT_PENDING, date_of_birth=date(2000, 1, 1))
    assert application.guardian_email
    confirm_application(ready_to_confirm(application), by=recruiter)
    (email,) = emails(application, "we_confirmed")
    assert "parent or guardian" not in email.body_text and "is confirmed" in email.body_text
    assert not Notification.objects.filter(template="placements/we_confirmed_guardian").exists()
    assert not emails(application, "we_joining_instructions")  # they had them before confirming


# --- the application page and the admin ---------------------------------------------------------


def page(client, application):
    return client.get(reverse("we_staff_application", args=[application.pk])).content.decode()


def test_the_page_says_what_the_joining_instructions_wait_for(client, recruiter):
    application = ApplicationFactory(status=S.AGREEMENT_PENDING)
    client.force_login(recruiter)
    html = page(client, application)
    assert "The joining instructions cannot be sent yet:" in html
    for words in ("The vetting checks are not all cleared", "The references are not all received"):
        assert words in html
    assert "Send joining instructions</button>" not in html and "Confirm the place</button>" not in html


def test_the_page_sends_the_joining_instructions_then_waits_for_the_applicant(client, recruiter):
    application = waiting()
    client.force_login(recruiter)
    html = page(client, application)
    assert "Send joining instructions</button>" in html and "cannot be sent yet" not in html
    response = client.post(reverse("we_staff_move", args=[application.pk, "send_joining_instructions"]), follow=True)
    assert "The joining instructions have gone to" in response.content.decode()
    html = page(client, application)
    assert "Send joining instructions</button>" not in html
    assert "The place cannot be confirmed yet:" in html and "The applicant has not confirmed they will attend" in html
    assert emails(application, "we_joining_instructions").count() == 1


def test_the_head_of_resourcing_sees_no_button(client, head_of_resourcing):
    application = waiting()
    client.force_login(head_of_resourcing)
    assert "Send joining instructions" not in page(client, application)


def test_the_admin_action_sends_the_joining_instructions_and_reports_refusals(client, recruiter):
    ready, not_ready = waiting(), ApplicationFactory(status=S.AGREEMENT_PENDING)
    client.force_login(recruiter)
    html = act(client, "send_joining_instructions_selected", ready, not_ready).content.decode()
    assert "1 work experience application had the joining instructions sent." in html
    assert "cannot be sent yet" in html
    ready.refresh_from_db(), not_ready.refresh_from_db()
    assert ready.joining_instructions_sent_at is not None and not_ready.joining_instructions_sent_at is None
