"""Issue 8 §2: every admin action of every ModelAdmin, run through the admin as the
back-office persona allowed to run it, with real commits (``transaction=True``): no
server error, and the record's state moves as the table below says.

Real commits matter: a test wrapped in one transaction hides a service that locks rows
(select_for_update) outside ``transaction.atomic``; PostgreSQL then refuses the query
("Placement days have started" and "Programme finished" were a 500). SQLite ignores
row locks, so CI's PostgreSQL run is the one that proves it; the state checks hold on both."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from accounts.roles import Role, has_role
from notifications.enums import NotificationStatus
from notifications.tests.factories import NotificationFactory
from outreach.businesses.enums import BusinessInterestStatus
from outreach.enums import EventStatus, RegistrationStatus
from outreach.programme.enums import EnrolmentStatus
from outreach.tests.business_factories import business_interest, contacted_business
from outreach.tests.factories import OutreachEventFactory, registered
from outreach.tests.programme_factories import applied, enrolled, staff_member
from placements.enums import (
    ApplicationStatus,
    DeclineReason,
    PartnerResponse,
    PartnerStatus,
    PlacementStatus,
    ProgrammeStatus,
)
from placements.services.work_experience import start_vetting
from placements.tests.factories import CommunityPlacementFactory, HostingOfferFactory, PartnerFactory
from placements.tests.presentation_factories import PresentationSessionFactory
from placements.tests.work_experience_factories import (
    ApplicationFactory,
    ProgrammeFactory,
    ready_for_joining_instructions,
)
from tests.admin_registry import changelist_url, label, our_model_admins
from tests.personas import make_persona
from vetting.enums import CheckStatus, CheckType, ReferenceStatus
from vetting.models import AgreementVersion
from vetting.services.agreements import ensure_current_version
from vetting.services.checks import checks_of, start_check
from vetting.tests.references import ask_for_reference
from volunteers.enums import CampaignStatus, FitnessResult, MedicalCertificateStatus, VolunteerApplicationStatus
from volunteers.models import VolunteerApplication
from volunteers.tests.factories import (
    CampaignFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    fitness_test_to_record,
    interview_to_record,
    interviewed_application,
    trainee_due_to_complete,
    volunteer_with_a_power,
)

pytestmark = pytest.mark.django_db(transaction=True)
A, G = ApplicationStatus, ProgrammeStatus


@dataclass(frozen=True)
class Outcome:
    """Run as ``persona`` on the record ``make()`` returns; afterwards ``moved(record)``
    reads ``to``. ``answers()`` fills in the action's own page when it asks a question."""

    persona: str
    make: Callable
    moved: Callable
    to: object
    answers: Callable = field(default=dict)


def ended_placement():
    offer = HostingOfferFactory(available_from=date(2025, 3, 3), available_until=date(2025, 3, 28))
    return CommunityPlacementFactory(offer=offer, status=PlacementStatus.CONFIRMED)


def coming_session():
    """A month ahead, taking replies for another three weeks, whatever the day the test runs."""
    return PresentationSessionFactory(
        date=timezone.localdate() + timedelta(days=30), rsvp_cutoff=timezone.now() + timedelta(days=21)
    )


def session_with_a_host():
    session = coming_session()
    CommunityPlacementFactory(
        officer__cohort=session.cohort, placement_type=session.placement_type, status=PlacementStatus.CONFIRMED
    )
    return session


def vetting_check(*, started=False):
    """A check requested when vetting started on an application (issue 10), started if asked."""
    application = start_vetting(ApplicationFactory(status=A.SHORTLISTED), by=make_persona("recruiter"))
    check = checks_of(application).get(check_type=CheckType.FORCE_VETTING)
    return start_check(check, by=None) if started else check


def status(record):
    return record.status


def application_status(record):
    """The status of the record's volunteer application, read afresh."""
    return VolunteerApplication.objects.values_list("status", flat=True).get(pk=record.application_id)


OUTCOMES = {
    # the chosen version stays as it is; a new one is published after it (issue 10)
    ("vetting.AgreementVersion", "publish_new_version"): Outcome(
        "recruiter",
        ensure_current_version,
        lambda _version: AgreementVersion.objects.values_list("number", "text").first(),
        (2, "The revised agreement."),
        answers=lambda: {"new_text": "The revised agreement."},
    ),
    ("placements.PartnerOrganisation", "approve_selected"): Outcome(
        "diversity_officer", lambda: PartnerFactory(status=PartnerStatus.INTERESTED), status, PartnerStatus.APPROVED
    ),
    ("placements.PartnerOrganisation", "decline_selected"): Outcome(
        "diversity_officer",
        lambda: PartnerFactory(status=PartnerStatus.INTERESTED),
        lambda p: (p.status, p.status_reason),
        (PartnerStatus.DECLINED, "No placements in your district this year."),
        answers=lambda: {"reason": "No placements in your district this year."},
    ),
    ("placements.PartnerOrganisation", "reactivate_selected"): Outcome(
        "diversity_officer", lambda: PartnerFactory(status=PartnerStatus.DECLINED), status, PartnerStatus.INTERESTED
    ),
    ("placements.CommunityPlacement", "confirm_selected"): Outcome(
        "diversity_officer",
        CommunityPlacementFactory,
        lambda p: (p.status, p.offer.places_taken),
        (PlacementStatus.CONFIRMED, 1),
    ),
    ("placements.CommunityPlacement", "accept_for_partner_selected"): Outcome(
        "diversity_officer",
        lambda: CommunityPlacementFactory(status=PlacementStatus.CONFIRMED),
        lambda p: (p.partner_response, p.partner_response_reason),
        (PartnerResponse.ACCEPTED, "Agreed by phone"),
        answers=lambda: {"reason": "Agreed by phone"},
    ),
    ("placements.CommunityPlacement", "complete_selected"): Outcome(
        "diversity_officer", ended_placement, status, PlacementStatus.COMPLETED
    ),
    ("placements.PresentationSession", "invite_partners_of_round"): Outcome(
        "diversity_officer", session_with_a_host, lambda s: s.invitations.count(), 1
    ),
    ("placements.PresentationSession", "change_date_time_or_room"): Outcome(
        "diversity_officer",
        coming_session,
        lambda s: (s.room, s.starts_at.hour),
        ("Main hall", 14),
        answers=lambda: {"starts_at": "14:00", "room": "Main hall", "reason": "The lecture theatre is closed."},
    ),
    ("placements.WorkExperienceProgramme", "open_selected"): Outcome(
        "recruiter", lambda: ProgrammeFactory(status=G.DRAFT), status, G.OPEN
    ),
    ("placements.WorkExperienceProgramme", "close_selected"): Outcome(
        "recruiter", lambda: ProgrammeFactory(status=G.OPEN), status, G.CLOSED
    ),
    ("placements.WorkExperienceProgramme", "start_selected"): Outcome(
        "recruiter", lambda: ProgrammeFactory(status=G.CLOSED), status, G.RUNNING
    ),
    ("placements.WorkExperienceProgramme", "finish_selected"): Outcome(
        "recruiter", lambda: ProgrammeFactory(status=G.RUNNING), status, G.FINISHED
    ),
    ("placements.WorkExperienceApplication", "shortlist_selected"): Outcome(
        "recruiter", ApplicationFactory, status, A.SHORTLISTED
    ),
    ("placements.WorkExperienceApplication", "decline_selected"): Outcome(
        "recruiter",
        ApplicationFactory,
        lambda a: (a.status, a.decline_reason),
        (A.DECLINED, DeclineReason.CAPACITY),
        answers=lambda: {"reason": DeclineReason.CAPACITY, "note": ""},
    ),
    ("placements.WorkExperienceApplication", "start_vetting_selected"): Outcome(
        "recruiter", lambda: ApplicationFactory(status=A.SHORTLISTED), status, A.VETTING
    ),
    ("placements.WorkExperienceApplication", "request_agreement_selected"): Outcome(
        "recruiter", lambda: ApplicationFactory(status=A.CLEARED), status, A.AGREEMENT_PENDING
    ),
    # protocol 3.3.2: once checks, references and the agreement are in
    ("placements.WorkExperienceApplication", "send_joining_instructions_selected"): Outcome(
        "recruiter",
        lambda: ready_for_joining_instructions(ApplicationFactory(status=A.AGREEMENT_PENDING)),
        lambda a: a.joining_instructions_sent_at is not None,
        True,
    ),
    ("placements.WorkExperienceApplication", "complete_selected"): Outcome(
        "recruiter", lambda: ApplicationFactory(status=A.ATTENDING), status, A.COMPLETED
    ),
    ("placements.WorkExperienceApplication", "discontinue_selected"): Outcome(
        "recruiter",
        lambda: ApplicationFactory(status=A.ATTENDING),
        lambda a: (a.status, a.status_reason),
        (A.DISCONTINUED, "Abusive language to an officer."),
        answers=lambda: {"reason": "Abusive language to an officer."},
    ),
    ("placements.WorkExperienceApplication", "assign_escort_selected"): Outcome(
        "recruiter",
        lambda: ApplicationFactory(status=A.CONFIRMED),
        lambda a: a.escorting_officer is not None and has_role(a.escorting_officer, Role.ESCORTING_OFFICER),
        True,
        answers=lambda: {"officer": make_persona("escorting_officer").pk},
    ),
    ("notifications.Notification", "resend_selected"): Outcome(
        "recruiter",
        lambda: NotificationFactory(dead=True),
        lambda n: (n.status, n.attempts),
        (NotificationStatus.SENT, 1),
    ),
    ("notifications.Notification", "requeue_stuck"): Outcome(
        "recruiter",
        lambda: NotificationFactory(created_at=timezone.now() - timedelta(hours=1)),
        lambda n: (n.status, n.attempts),
        (NotificationStatus.SENT, 1),
    ),
    ("vetting.VettingCheck", "start_selected"): Outcome(
        "vetting_officer", lambda: vetting_check(), status, CheckStatus.IN_PROGRESS
    ),
    ("vetting.VettingCheck", "clear_selected"): Outcome(
        "vetting_officer",
        lambda: vetting_check(started=True),
        lambda check: (check.status, check.expires_on),
        (CheckStatus.CLEARED, date(2029, 3, 31)),
        answers=lambda: {"expires_on": "2029-03-31"},
    ),
    ("vetting.VettingCheck", "refuse_selected"): Outcome(
        "vetting_officer", lambda: vetting_check(started=True), status, CheckStatus.REFUSED
    ),
    ("vetting.VettingCheck", "withdraw_selected"): Outcome(
        "vetting_officer", lambda: vetting_check(), status, CheckStatus.WITHDRAWN
    ),
    ("volunteers.RecruitmentCampaign", "open_selected"): Outcome(
        "recruiter", CampaignFactory, status, CampaignStatus.OPEN
    ),
    ("vetting.Reference", "withdraw_selected"): Outcome(
        "vetting_officer",
        lambda: ask_for_reference(make_persona("recruiter")),
        status,
        ReferenceStatus.WITHDRAWN,
    ),
    ("volunteers.VolunteerApplication", "shortlist_selected"): Outcome(
        "recruiter", VolunteerApplicationFactory, status, VolunteerApplicationStatus.SHORTLISTED
    ),
    ("volunteers.VolunteerApplication", "reject_selected"): Outcome(
        "recruiter",
        VolunteerApplicationFactory,
        lambda a: (a.status, a.rejection_reason),
        (VolunteerApplicationStatus.REJECTED, "Not enough hours left in the pilot."),
        answers=lambda: {"reason": "Not enough hours left in the pilot."},
    ),
    # issue 11: the steps the role needs are done (here none: neither test nor certificate)
    ("volunteers.VolunteerApplication", "start_vetting_selected"): Outcome(
        "recruiter",
        lambda: interviewed_application(fitness=False, medical=False),
        status,
        VolunteerApplicationStatus.VETTING,
    ),
    ("volunteers.RecruitmentCampaign", "close_selected"): Outcome(
        "recruiter", lambda: CampaignFactory(status=CampaignStatus.OPEN), status, CampaignStatus.CLOSED
    ),
    # issue 11: the outcomes the team records after an interview or test day, and the medical certificate
    ("volunteers.InterviewSlot", "record_outcome"): Outcome(
        "recruiter",
        lambda: interview_to_record().interview_slot,
        application_status,
        VolunteerApplicationStatus.INTERVIEWED,
        answers=lambda: {"outcome": "passed", "reason": ""},
    ),
    ("volunteers.FitnessTest", "record_result"): Outcome(
        "recruiter",
        fitness_test_to_record,
        lambda test: (test.result, test.assessor, application_status(test)),
        (FitnessResult.PASSED, "PC Jo Hart", VolunteerApplicationStatus.FITNESS_PASSED),
        answers=lambda: {"result": "passed", "assessor": "PC Jo Hart", "reason": ""},
    ),
    ("volunteers.MedicalCertificate", "accept_selected"): Outcome(
        "recruiter",
        lambda: certificate_to_check().medical_certificate,
        lambda certificate: (certificate.status, application_status(certificate)),
        (MedicalCertificateStatus.ACCEPTED, VolunteerApplicationStatus.MEDICAL_RECEIVED),
    ),
    ("volunteers.MedicalCertificate", "ask_for_another"): Outcome(
        "recruiter",
        lambda: certificate_to_check().medical_certificate,
        lambda certificate: (certificate.status, certificate.another_reason, bool(certificate.file)),
        (MedicalCertificateStatus.ANOTHER_REQUESTED, "The certificate is not signed by a doctor.", False),
        answers=lambda: {"reason": "The certificate is not signed by a doctor."},
    ),
    # issue 11: the five training weekends from the campaign's training date
    ("volunteers.RecruitmentCampaign", "set_up_training_selected"): Outcome(
        "recruiter",
        lambda: CampaignFactory(training_starts_on=timezone.localdate() + timedelta(days=60)),
        lambda c: c.training_course.sessions.count(),
        5,
    ),
    ("volunteers.VolunteerApplication", "complete_training_selected"): Outcome(
        "recruiter", trainee_due_to_complete, status, VolunteerApplicationStatus.ACTIVE
    ),
    ("volunteers.GrantedPower", "withdraw_selected"): Outcome(
        "recruiter",
        lambda: volunteer_with_a_power().granted_powers.get(),
        # withdrawn today, whenever "today" is when the test runs (not when it was collected)
        lambda grant: (grant.withdrawn_on == timezone.localdate(), grant.withdrawal_reason),
        (True, "The traffic scheme has ended."),
        answers=lambda: {"reason": "The traffic scheme has ended."},
    ),
    # outreach events (issue 12): the Diversity Placements Officer's
    ("outreach.OutreachEvent", "publish_selected"): Outcome(
        "diversity_officer", lambda: OutreachEventFactory(status=EventStatus.DRAFT), status, EventStatus.PUBLISHED
    ),
    ("outreach.OutreachEvent", "change_places_selected"): Outcome(
        "diversity_officer",
        lambda: OutreachEventFactory(capacity=10),
        lambda event: event.capacity,
        12,
        answers=lambda: {"capacity": "12"},
    ),
    ("outreach.OutreachEvent", "cancel_selected"): Outcome(
        "diversity_officer",
        OutreachEventFactory,
        status,
        EventStatus.CANCELLED,
        answers=lambda: {"reason": "The hall is flooded."},
    ),
    ("outreach.EventRegistration", "cancel_selected"): Outcome(
        "diversity_officer", registered, status, RegistrationStatus.CANCELLED
    ),
    # the Positive Action Programme (issue 12)
    ("outreach.ProgrammeEnrolment", "enrol_selected"): Outcome(
        "diversity_officer",
        applied,
        lambda enrolment: (enrolment.status, enrolment.buddy.email),
        (EnrolmentStatus.ENROLLED, "buddy.admin@example.org"),
        answers=lambda: {"buddy": str(staff_member(email="buddy.admin@example.org").pk)},
    ),
    ("outreach.ProgrammeEnrolment", "decline_selected"): Outcome(
        "diversity_officer",
        applied,
        status,
        EnrolmentStatus.DECLINED,
        answers=lambda: {"reason": "The intake is full."},
    ),
    ("outreach.ProgrammeEnrolment", "complete_selected"): Outcome(
        "diversity_officer", enrolled, status, EnrolmentStatus.COMPLETED
    ),
    # local businesses supporting recruitment (issue 12): the Diversity Placements Officer's
    ("outreach.BusinessInterest", "mark_contacted_selected"): Outcome(
        "diversity_officer",
        business_interest,
        lambda interest: (interest.status, interest.follow_up_note.endswith("Rang them: keen to host.")),
        (BusinessInterestStatus.CONTACTED, True),
        answers=lambda: {"note": "Rang them: keen to host."},
    ),
    ("outreach.BusinessInterest", "mark_supporting_selected"): Outcome(
        "diversity_officer", contacted_business, status, BusinessInterestStatus.SUPPORTING
    ),
    ("outreach.BusinessInterest", "not_taken_forward_selected"): Outcome(
        "diversity_officer",
        business_interest,
        lambda interest: (interest.status, interest.not_taken_forward_reason),
        (BusinessInterestStatus.NOT_TAKEN_FORWARD, "Outside Kent."),
        answers=lambda: {"reason": "Outside Kent."},
    ),
}
ACTIONS = [(model_admin, name) for model_admin in our_model_admins() for name in model_admin.actions or ()]


def test_every_admin_action_has_an_expected_outcome():
    assert {(label(model_admin), name) for model_admin, name in ACTIONS} == set(OUTCOMES)


@pytest.mark.parametrize(("model_admin", "name"), ACTIONS, ids=[f"{label(m)}.{n}" for m, n in ACTIONS])
def test_each_admin_action_moves_the_state_through_its_service(client, model_admin, name):
    outcome = OUTCOMES[label(model_admin), name]
    record = outcome.make()
    client.force_login(make_persona(outcome.persona))
    url = changelist_url(model_admin.model)
    offered = dict(client.get(url).context["action_form"].fields["action"].choices)
    assert name in offered, f"{outcome.persona} is not offered {name}"

    chosen = {"action": name, ACTION_CHECKBOX_NAME: [record.pk], "index": 0}
    response = client.post(url, chosen)
    if response.status_code == 200:  # the action's own page asks a question first
        assert "admin/action_with_form.html" in [t.name for t in response.templates]
        response = client.post(url, {**chosen, "apply": "1", **outcome.answers()})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url)
    refusals = [m.message for m in page.context["messages"] if m.level >= messages.WARNING]
    assert not refusals

    record.refresh_from_db()
    assert outcome.moved(record) == outcome.to
