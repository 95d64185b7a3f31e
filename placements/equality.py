"""Work-experience applications followed by the equality questions (outreach.equality.sources;
issue 12): answers are counted per programme, by the furthest stage the application reached,
in four steps of protocol 3.2–3.5 (every count under 5 is hidden: more columns would hide
almost everything in a programme of twenty places)."""

from django.urls import reverse
from django.utils import timezone

from outreach.equality.sources import Source, Stage, register

from .enums import ApplicationStatus as S
from .models import WorkExperienceApplication, WorkExperienceProgramme

register(
    Source(
        kind="programme",
        heading="Work experience programmes",
        model=WorkExperienceApplication,
        source_model=WorkExperienceProgramme,
        source_of=lambda application: application.programme,
        records=lambda programme: WorkExperienceApplication.objects.filter(programme=programme).exclude(status=S.DRAFT),
        stages=(
            Stage("Applied", frozenset({S.APPLIED})),
            Stage("Shortlisted", frozenset({S.SHORTLISTED, S.VETTING, S.CLEARED, S.AGREEMENT_PENDING})),
            Stage("Place confirmed", frozenset({S.CONFIRMED, S.ATTENDING})),
            Stage("Completed", frozenset({S.COMPLETED})),
        ),
        continue_url=lambda _application: reverse("we_my_applications"),
        ended_before=lambda cutoff: WorkExperienceProgramme.objects.filter(ends_on__lt=timezone.localdate(cutoff)),
    )
)
