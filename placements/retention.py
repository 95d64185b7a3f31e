"""Placements' kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION)."""

from django.db.models import Q
from django.utils import timezone

from accounts.retention import needed_by
from kentplacements.stored_files import forget_history
from retention.registry import ANONYMISE, DELETE, Rule, register

from .enums import ApplicationStatus
from .models import (
    Activity,
    AttendanceRecord,
    DiaryEntry,
    DynamicRiskAssessment,
    ExpressionOfInterest,
    PlacementReflection,
    WorkExperienceApplication,
)
from .services.work_experience import APPLICATION_FIELDS, EMPTY_ANSWERS

UNSUCCESSFUL = [ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN, ApplicationStatus.VETTING_REFUSED]
# What the applicant told us about themselves (the form's answers) and the team's note on
# the decision; the row keeps its programme, status and decline reason, which the
# monitoring report counts (protocol 7.1).
PERSONAL_FIELDS = (*APPLICATION_FIELDS, "status_reason")
ANONYMISED = {name: EMPTY_ANSWERS.get(name, "") for name in PERSONAL_FIELDS}


def _holds_personal_data():
    q = Q()
    for name, empty in ANONYMISED.items():
        q |= ~Q(**{name: empty})
    return q


def _anonymise_applications(queryset):
    queryset.update(**ANONYMISED)


register(
    Rule(
        kind="unsuccessful_work_experience",
        label="Unsuccessful work-experience applications (declined, withdrawn, not cleared)",
        action=ANONYMISE,
        due=lambda cutoff: WorkExperienceApplication.objects.filter(
            _holds_personal_data(), status__in=UNSUCCESSFUL, programme__ends_on__lt=timezone.localdate(cutoff)
        ),
        anonymise=_anonymise_applications,
        counted_from="the programme's last day",
        why="Anonymised, not deleted: the programme's monitoring counts applications by outcome.",
    )
)

# A placement that took place (completed, or discontinued on the way, protocol 2.4): the
# participant's answers go as for an unsuccessful application, and with them what was
# written about them day by day. What stays counts: the status, the days present or absent,
# the activities' kinds and dates, that an incident was assessed and when.
TOOK_PLACE = [ApplicationStatus.COMPLETED, ApplicationStatus.DISCONTINUED]
ANONYMISED_TEXT = "(anonymised)"  # the dynamic risk assessment's texts may not be empty


def _anonymise_placements(queryset):
    DiaryEntry.objects.filter(application__in=queryset).delete()  # the participant's own notes
    AttendanceRecord.objects.filter(application__in=queryset).update(note="")
    activities = Activity.objects.filter(application__in=queryset)
    forget_history(Activity, list(activities.values_list("pk", flat=True)))  # earlier versions hold the notes
    activities.update(notes="")
    DynamicRiskAssessment.objects.filter(application__in=queryset).update(
        event=ANONYMISED_TEXT, hazards=ANONYMISED_TEXT, controls=ANONYMISED_TEXT, outcome=""
    )
    queryset.update(**ANONYMISED)


register(
    Rule(
        kind="completed_work_experience",
        label="Work-experience placements that took place (completed or discontinued)",
        action=ANONYMISE,
        due=lambda cutoff: WorkExperienceApplication.objects.filter(
            _holds_personal_data(), status__in=TOOK_PLACE, programme__ends_on__lt=timezone.localdate(cutoff)
        ),
        anonymise=_anonymise_placements,
        counted_from="the programme's last day",
        why="Anonymised, not deleted: the programme's monitoring counts placements, attendance and activities;"
        " the diary goes, and the notes about the participant are emptied.",
    )
)

register(
    Rule(
        kind="expressions_of_interest",
        label="Expressions of interest in work experience",
        action=DELETE,
        due=lambda cutoff: ExpressionOfInterest.objects.filter(created_at__lt=cutoff),
        counted_from="the interest was registered",
        why="Only a name and an address to tell about programmes (protocol 3.2.3); nothing depends on it.",
    )
)

register(
    Rule(
        kind="uploaded_presentations",
        label="Student officers' uploaded presentations",
        action=ANONYMISE,
        due=lambda cutoff: PlacementReflection.objects.exclude(presentation_file="").filter(submitted_at__lt=cutoff),
        file_fields=("presentation_file",),
        counted_from="it was sent",
        why="The file goes, with every earlier upload; the written summary and reflection stay with the placement.",
    )
)


# An application keeps its applicant's account until it has ended and been anonymised; a
# partner's contact and a student officer keep theirs for as long as they are on our books.
ENDED = [*UNSUCCESSFUL, *TOOK_PLACE]
needed_by("placements.WorkExperienceApplication", "applicant", lambda: ~Q(status__in=ENDED) | _holds_personal_data())
needed_by("placements.PartnerContact", "user")
needed_by("placements.StudentOfficer", "user")
