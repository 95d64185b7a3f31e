"""Volunteer applications followed by the equality questions (outreach.equality.sources;
issue 12): answers are counted per campaign, by the furthest stage the application reached.

The stages are the path of seed 002 in five steps, not its ten statuses: the report hides
every count under 5, and ten columns of a campaign of a few dozen people would hide almost
everything."""

from django.urls import reverse

from outreach.equality.sources import Source, Stage, register

from .enums import VolunteerApplicationStatus as S
from .models import RecruitmentCampaign, VolunteerApplication

register(
    Source(
        kind="campaign",
        heading="Volunteer recruitment campaigns",
        model=VolunteerApplication,
        source_model=RecruitmentCampaign,
        source_of=lambda application: application.campaign,
        records=lambda campaign: VolunteerApplication.objects.filter(campaign=campaign),
        stages=(
            Stage("Applied", frozenset({S.SUBMITTED})),
            Stage("Shortlisted", frozenset({S.SHORTLISTED, S.INTERVIEW_BOOKED})),
            Stage("Interviewed", frozenset({S.INTERVIEWED, S.FITNESS_PASSED, S.MEDICAL_RECEIVED, S.VETTING})),
            Stage("Offered a place", frozenset({S.OFFERED, S.IN_TRAINING})),
            Stage("Active volunteer", frozenset({S.ACTIVE})),
        ),
        continue_url=lambda _application: reverse("volunteer_my_applications"),
        ended_before=lambda cutoff: RecruitmentCampaign.objects.filter(closes_at__lt=cutoff),
    )
)
