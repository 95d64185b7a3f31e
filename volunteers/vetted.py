"""Volunteer applications as vetting subjects (vetting.subjects; issue 11): what vetting
needs to know of the candidate and the campaign, and what the vetting officer's decisions
do here (DOMAIN.md §3: vetting detail stays with the vetting team)."""

from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse

from accounts.models import ActionLog
from vetting import subjects

from .enums import ENDED_APPLICATIONS, VolunteerApplicationStatus
from .models import VolunteerApplication
from .services.applications import reject_application
from .services.offers import make_offer
from .services.vetting import VETTING_REFUSED_REASON


def describe(application: VolunteerApplication) -> subjects.Subject:
    campaign, applicant = application.campaign, application.applicant
    return subjects.Subject(
        person_name=applicant.full_name or applicant.email,
        email=applicant.email,
        date_of_birth=application.date_of_birth,
        # Seed 002: volunteers are "adults aged 18 or above": no parent or guardian is asked.
        guardian_name="",
        guardian_email="",
        title=f"Volunteering: {campaign}",
        starts_on=campaign.training_starts_on,
        # Volunteering has no last day, so no clearance "lapses before the end": each counts
        # until its own expiry, which the vetting officer records when clearing it.
        ends_on=None,
        account=applicant,
        staff_url=reverse("volunteer_staff_application", args=[application.pk]),
    )


# Only an application in vetting moves (as placements/vetted.py): a check requested, cleared
# or refused later leaves an offered or ended application where it is; accept_offer asks
# vetting_cleared before the candidate goes on to training.
def _cleared(application, *, by):
    if application.status == VolunteerApplicationStatus.VETTING:
        make_offer(application, by=by)


def _refused(application, *, by):
    if application.status == VolunteerApplicationStatus.VETTING:
        reject_application(application, by=by, reason=VETTING_REFUSED_REASON)


def ended_before(cutoff):
    """Rejected or withdrawn applications that ended before ``cutoff``: their end is the later
    of the campaign's close and the application's last logged move (a candidate may withdraw
    in training, months after the close). Volunteering itself has no end here: an active
    volunteer's vetting is live."""
    last_move = ActionLog.objects.filter(
        content_type__app_label="volunteers",
        content_type__model="volunteerapplication",
        object_id=Cast(OuterRef("pk"), CharField()),
    ).order_by("-created_at")
    return (
        VolunteerApplication.objects.filter(status__in=ENDED_APPLICATIONS)
        .annotate(
            ended_at=Greatest(
                F("campaign__closes_at"),
                Coalesce(Subquery(last_move.values("created_at")[:1]), F("campaign__closes_at")),
            )
        )
        .filter(ended_at__lt=cutoff)
    )


subjects.register(
    VolunteerApplication,
    describe=describe,
    ended_before=ended_before,
    on_vetting_cleared=_cleared,
    on_vetting_refused=_refused,
)
