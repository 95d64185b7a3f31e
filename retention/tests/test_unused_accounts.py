"""Accounts no record needs any more (issue 13, "Retention and disposal"): an account goes a
year after its last sign-in once nothing the person sent us still names them through it, so
that an anonymised application no longer leads back to "Ann Smith"; while a live application,
a volunteer's service, an open enrolment, a partner's contact or a kept agreement needs it,
it stays, however long since its last sign-in; a staff member's never goes."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from accounts.personal_data import ERASED_DOMAIN, ERASED_NAME
from accounts.retention import _NEEDED_BY
from accounts.roles import Role
from outreach.tests.programme_factories import enrolled
from placements.enums import ApplicationStatus, DeclineReason
from placements.tests.factories import PartnerContactFactory
from placements.tests.work_experience_factories import ApplicationFactory, ProgrammeFactory
from retention.services import dispose_past_retention
from tests.factories import UserFactory
from volunteers.tests.factories import ActiveVolunteerFactory

from .kinds import STARTS

pytestmark = pytest.mark.django_db

A_YEAR_IDLE = timedelta(days=settings.RETENTION["unused_accounts"] + 1)


def run(capture, when):
    with time_machine.travel(when, tick=False), capture(execute=True):
        return dispose_past_retention()


def last_signed_in(user, when=STARTS):
    User.objects.filter(pk=user.pk).update(last_login=when, date_joined=when - timedelta(days=30))


def erased(user) -> bool:
    user.refresh_from_db()
    return user.email.endswith(ERASED_DOMAIN)


def test_an_account_made_and_never_used_for_anything_goes_a_year_after_its_last_sign_in(
    django_capture_on_commit_callbacks,
):
    idle, lately = UserFactory(roles=[Role.APPLICANT]), UserFactory(roles=[Role.APPLICANT])
    last_signed_in(idle)
    last_signed_in(lately, STARTS + timedelta(days=300))

    assert run(django_capture_on_commit_callbacks, STARTS + A_YEAR_IDLE)["unused_accounts"] == 1

    assert erased(idle) and idle.full_name == ERASED_NAME and not idle.is_active
    assert not idle.has_usable_password() and not idle.groups.exists()
    assert not erased(lately)


def live_work_experience_application():
    return ApplicationFactory(status=ApplicationStatus.APPLIED).applicant


def volunteer_in_service():
    return ActiveVolunteerFactory().applicant


def open_enrolment():
    return enrolled().candidate


def partner_contact():
    return PartnerContactFactory().user


@pytest.mark.parametrize(
    "holder", [live_work_experience_application, volunteer_in_service, open_enrolment, partner_contact]
)
def test_an_account_a_record_still_needs_stays_however_long_since_its_last_sign_in(
    holder, django_capture_on_commit_callbacks
):
    user = holder()
    last_signed_in(user)

    assert run(django_capture_on_commit_callbacks, STARTS + 10 * A_YEAR_IDLE)["unused_accounts"] == 0
    assert not erased(user) and user.is_active


@pytest.mark.parametrize(
    "staff", [{"roles": [Role.RECRUITMENT_TEAM]}, {"roles": [Role.VETTING_OFFICER]}, {"is_superuser": True}]
)
def test_a_staff_members_account_never_goes_though_nothing_names_them(staff, django_capture_on_commit_callbacks):
    user = UserFactory(**staff)
    last_signed_in(user)

    assert run(django_capture_on_commit_callbacks, STARTS + 10 * A_YEAR_IDLE)["unused_accounts"] == 0
    assert not erased(user)


def test_a_declined_applicants_account_goes_the_night_after_the_application_is_anonymised(
    django_capture_on_commit_callbacks,
):
    programme = ProgrammeFactory(starts_on=date(2027, 8, 30), ends_on=STARTS.date())
    application = ApplicationFactory(
        programme=programme, status=ApplicationStatus.DECLINED, decline_reason=DeclineReason.CAPACITY
    )
    applicant = application.applicant
    last_signed_in(applicant, STARTS - timedelta(days=20))
    anonymised_on = timezone.make_aware(datetime.combine(programme.ends_on, datetime.min.time())) + timedelta(
        days=settings.RETENTION["unsuccessful_work_experience"] + 1
    )

    first = run(django_capture_on_commit_callbacks, anonymised_on)
    assert (first["unsuccessful_work_experience"], first["unused_accounts"]) == (1, 0)
    assert not erased(applicant)  # judged on what the application held before the run

    assert run(django_capture_on_commit_callbacks, anonymised_on + timedelta(days=1))["unused_accounts"] == 1
    application.refresh_from_db()
    assert erased(applicant) and str(application.applicant) == ERASED_NAME  # the row leads to no one now


# Every reference to an account from a model of ours is either a record that keeps the account
# (accounts.retention.needed_by, from each app's retention module) or one of these, which name
# staff only (never disposed of) or what the person did (the action log, kept; it then names
# "Erased person"). A new one must be put on one side or the other, or an account could be
# anonymised under a record that still needs it.
NOT_NEEDING_THE_ACCOUNT = {
    "accounts.ActionLog.actor": "what the person did: kept, naming them as erased",
    **dict.fromkeys(
        [
            "vetting.AgreementVersion.published_by",
            "vetting.VettingCheck.requested_by",
            "vetting.VettingCheck.decided_by",
            "vetting.Reference.requested_by",
            "placements.WorkExperienceApplication.escorting_officer",
            "placements.AttendanceRecord.recorded_by",
            "placements.Activity.escorting_officer",
            "placements.Activity.off_site_confirmed_by",
            "placements.SecurityBriefing.recorded_by",
            "placements.RiskAssessment.owner",
            "placements.RiskAttachment.recorded_by",
            "placements.DynamicRiskAssessment.recorded_by",
            "placements.DiscretionaryException.granted_by",
            "placements.ProtocolReview.recorded_by",
            "volunteers.FitnessTest.booked_by",
            "volunteers.FitnessTest.recorded_by",
            "volunteers.MedicalCertificate.checked_by",
            "volunteers.TrainingCourse.set_up_by",
            "volunteers.TrainingAttendance.recorded_by",
            "volunteers.GrantedPower.granted_by",
            "volunteers.GrantedPower.withdrawn_by",
            "outreach.BusinessInterest.contacted_by",
            "outreach.BusinessInterest.decided_by",
            "outreach.ProgrammeEnrolment.buddy",
            "outreach.SupportSession.logged_by",
        ],
        "a staff member: never disposed of",
    ),
    # the partner's own record of what they wrote: the contact (needed_by) keeps the account
    "placements.PlacementFeedback.submitted_by": "a partner's contact, kept while the contact is",
}
OUR_APPS = {"accounts", "notifications", "vetting", "placements", "volunteers", "outreach", "retention"}


def test_every_reference_to_an_account_says_whether_it_keeps_the_account():
    needing = {f"{model}.{field}" for model, field, _ in _NEEDED_BY}
    references = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is User
    }
    unsorted = references - needing - set(NOT_NEEDING_THE_ACCOUNT)
    assert not unsorted, f"Say whether these keep the account they name (accounts.retention.needed_by): {unsorted}"
    assert needing <= references and set(NOT_NEEDING_THE_ACCOUNT) <= references  # nothing stale either
