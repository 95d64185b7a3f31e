"""Work-experience applications as vetting subjects (vetting.subjects): what vetting needs
to know about the applicant and the programme, and the services vetting's decisions call
(protocol 3.3.1: vetting in line with Force Policy P04)."""

from django.urls import reverse
from django.utils import timezone

from vetting import subjects

from .enums import ENDED_APPLICATIONS, ApplicationStatus
from .models import WorkExperienceApplication
from .services.work_experience import record_clearance


def describe(application: WorkExperienceApplication) -> subjects.Subject:
    programme, applicant = application.programme, application.applicant
    # Protocol 3.5.3: a parent or guardian consents for a participant under 18 on the first day.
    guardian = application.needs_guardian_consent
    return subjects.Subject(
        person_name=applicant.full_name,
        email=applicant.email,
        date_of_birth=application.date_of_birth,
        guardian_name=application.guardian_name if guardian else "",
        guardian_email=application.guardian_email if guardian else "",
        title=f"Work experience: {programme.title}",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        account=applicant,
        staff_url=reverse("we_staff_application", args=[application.pk]),
    )


# Only an application in vetting moves: a check renewed or refused later (a clearance that
# lapsed before the placement's end, withdrawn and requested again) leaves it where it is,
# and vetting.services.checks.vetting_cleared, asked before confirming, says it is not cleared.
def _cleared(application, *, by):
    if application.status == ApplicationStatus.VETTING:
        record_clearance(application, by=by, cleared=True)


def _refused(application, *, by):
    if application.status == ApplicationStatus.VETTING:
        record_clearance(application, by=by, cleared=False)


def ended_before(cutoff):
    """Ended applications (completed, discontinued, declined, withdrawn, not cleared) of a
    programme whose last day was before ``cutoff``: the programme's last day is the latest
    an application ends, so no vetting row goes while its placement could still run."""
    return WorkExperienceApplication.objects.filter(
        status__in=ENDED_APPLICATIONS, programme__ends_on__lt=timezone.localdate(cutoff)
    )


subjects.register(
    WorkExperienceApplication,
    describe=describe,
    ended_before=ended_before,
    on_vetting_cleared=_cleared,
    on_vetting_refused=_refused,
)
