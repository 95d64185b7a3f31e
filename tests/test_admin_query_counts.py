"""Every admin changelist keeps one number of queries, with 1 row and with 50 (issue 8,
section 6; STYLE.md "Reads"). A newly registered model fails the first test until it
has a row maker and a pin here."""

import itertools
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.audit import record_action
from accounts.roles import Role
from notifications.tests.factories import NotificationFactory
from outreach.tests.business_factories import business_interest
from outreach.tests.factories import registered as outreach_registration
from outreach.tests.programme_factories import ProgrammeIntakeFactory, enrolled
from placements.models import ExpressionOfInterest, PlacementFeedback, PlacementReflection
from placements.tests.factories import (
    CohortFactory,
    CommunityPlacementFactory,
    HostingOfferFactory,
    PartnerContactFactory,
    PartnerFactory,
    StudentOfficerFactory,
)
from placements.tests.presentation_factories import PresentationInvitationFactory, PresentationSessionFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory, record_placement_day
from retention.models import DisposalLog
from tests.factories import UserFactory
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.services.agreements import publish_version
from vetting.services.checks import request_checks
from vetting.tests.agreement_helpers import pending_application
from vetting.tests.references import ask_for_reference
from volunteers.models import RecruitmentCampaign, VolunteerRole
from volunteers.tests.factories import (
    DutyLogFactory,
    VolunteerApplicationFactory,
    certificate_to_check,
    fitness_test_to_record,
    interview_to_record,
    volunteer_with_a_power,
)

numbers = itertools.count()


def _placement_day(officer):
    record_placement_day(ApplicationFactory(escorting_officer=officer), officer)


def _campaign(_):
    role = VolunteerRole.objects.create(name=f"Role {next(numbers)}", monthly_hours=16)
    now = timezone.now()
    RecruitmentCampaign.objects.create(role=role, area="West Kent", opens_at=now, closes_at=now + timedelta(days=30))


def _partner(_):
    PartnerContactFactory(organisation=PartnerFactory(communities=["dementia"]))


def _session(_):
    PresentationInvitationFactory(session=PresentationSessionFactory())


# model -> (one realistic row, made as the list shows it; the pinned number of queries)
ROWS = {
    "accounts/user": (lambda officer: UserFactory(mfa=True), 8),
    "accounts/actionlog": (lambda officer: record_action(PartnerFactory(), action="approve", by=officer), 12),
    # issue 13: one count of the list, not two (show_full_result_count = False)
    "notifications/notification": (lambda officer: NotificationFactory(), 9),
    "placements/partnerorganisation": (_partner, 8),
    "placements/cohort": (lambda officer: CohortFactory(), 7),
    "placements/studentofficer": (lambda officer: StudentOfficerFactory(), 8),
    "placements/hostingoffer": (lambda officer: HostingOfferFactory(), 7),
    "placements/communityplacement": (lambda officer: CommunityPlacementFactory(), 8),
    "placements/presentationsession": (_session, 8),
    "placements/placementreflection": (
        lambda officer: PlacementReflection.objects.create(placement=CommunityPlacementFactory(), reflection="Good"),
        7,
    ),
    "placements/placementfeedback": (
        lambda officer: PlacementFeedback.objects.create(placement=CommunityPlacementFactory(), rating=4),
        8,
    ),
    "placements/workexperienceprogramme": (lambda officer: ProgrammeFactory(), 7),
    "placements/workexperienceapplication": (lambda officer: ApplicationFactory(), 8),  # one count (issue 13)
    "placements/expressionofinterest": (
        lambda officer: ExpressionOfInterest.objects.create(full_name="Ivy", email=f"ivy{next(numbers)}@example.org"),
        7,
    ),
    "placements/activity": (_placement_day, 8),
    "placements/riskassessment": (_placement_day, 8),
    "placements/dynamicriskassessment": (_placement_day, 8),
    "placements/attendancerecord": (_placement_day, 8),
    "vetting/reference": (
        lambda officer: ask_for_reference(
            UserFactory(roles=[Role.RECRUITMENT_TEAM]), referee_email=f"referee{next(numbers)}@example.org"
        ),
        9,
    ),
    "volunteers/volunteerrole": (_campaign, 7),
    "volunteers/recruitmentcampaign": (_campaign, 8),
    "volunteers/volunteerapplication": (lambda officer: VolunteerApplicationFactory(), 7),  # one count (issue 13)
    "volunteers/interviewslot": (lambda officer: interview_to_record(), 8),
    "volunteers/fitnesstest": (lambda officer: fitness_test_to_record(officer), 8),
    "volunteers/medicalcertificate": (lambda officer: certificate_to_check(), 8),
    # issue 11: a course with its register, and a power granted, for each volunteer
    "volunteers/trainingcourse": (volunteer_with_a_power, 7),
    "volunteers/trainingattendance": (volunteer_with_a_power, 8),
    "volunteers/grantedpower": (volunteer_with_a_power, 9),
    "volunteers/dutylog": (lambda officer: DutyLogFactory(), 9),
    # issue 12: an outreach event with its waiting list counted in the list's query; a registration
    "outreach/outreachevent": (lambda officer: outreach_registration(), 7),
    "outreach/eventregistration": (lambda officer: outreach_registration(), 8),
    # issue 12: local businesses' interest (its pin was missing on main)
    "outreach/businessinterest": (lambda officer: business_interest(), 7),
    # issue 12: the Positive Action Programme's intakes, and enrolments with their candidate and buddy
    "outreach/programmeintake": (lambda officer: ProgrammeIntakeFactory(), 7),
    "outreach/programmeenrolment": (lambda officer: enrolled(), 8),
    # issue 13: the disposal log, written only by the nightly run (one line per kind disposed of)
    "retention/disposallog": (lambda officer: disposal_logged(), 10),  # + its date drill-down and kind filter
    "auth/group": (lambda officer: Group.objects.create(name=f"Group {next(numbers)}"), 7),
    "account/emailaddress": (lambda officer: UserFactory(), 7),
    "mfa/authenticator": (lambda officer: UserFactory(mfa=True), 7),
    "vetting/vettingcheck": (
        lambda officer: request_checks(ApplicationFactory(status="vetting"), WORK_EXPERIENCE_CHECKS, by=officer),
        9,
    ),
    "vetting/agreementversion": (lambda officer: publish_version(f"Version text {next(numbers)}", by=officer), 7),
    "vetting/workplacementagreement": (lambda officer: pending_application(officer), 8),
}


def disposal_logged():
    return DisposalLog.objects.create(
        ran_at=timezone.now(), kind="notifications", label="Emails", action="delete", rule="365 days", records=3
    )


def registered():
    return sorted(f"{model._meta.app_label}/{model._meta.model_name}" for model in admin.site._registry)


def test_every_registered_model_has_a_pinned_changelist():
    assert sorted(ROWS) == registered()


VIEWERS = {"vetting/vettingcheck": {"roles": [Role.VETTING_OFFICER]}}


@pytest.mark.parametrize("model", sorted(ROWS))
def test_the_changelist_query_count_is_pinned(model, client, db, assert_query_count_constant):
    # A superuser sees every changelist, the three nobody else may open included; vetting checks are
    # the vetting officer's alone (vetting/admin/checks.py).
    client.force_login(UserFactory(**VIEWERS.get(model, {"is_superuser": True}), mfa=True))
    officer = UserFactory(mfa=True)
    make_row, queries = ROWS[model]

    def make_rows(n):
        for _ in range(n):
            make_row(officer)

    url = reverse(f"admin:{model.replace('/', '_')}_changelist")
    assert_query_count_constant(client, url, make_rows, queries=queries)
