"""Demo data for the Head of Resourcing's monitoring page (seed 001, 7.1), loaded by
`manage.py seed_demo` after the work-experience demo (placements.demo). Idempotent.

The protocol's last review is the one the seed records (1.1: "reviewed in February 2024",
"Date last reviewed: February 2024"), so the next falls due two years on and the demo's
Head of Resourcing finds it waiting for them; a past programme gives each of the page's
figures something to count: places completed, declined, withdrawn and discontinued, an
exception granted and dynamic risk assessments."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .demo import _application, finished_programme, monday
from .enums import ApplicationStatus, DeclineReason, ExceptionRule
from .models import DiscretionaryException, DynamicRiskAssessment, ProtocolReview
from .services.monitoring import two_years_after

PROTOCOL_LAST_REVIEWED = date(2024, 2, 1)
S = ApplicationStatus
# (name, login, status, decline reason, status reason) of the past programme's applicants
PAST_APPLICANTS = [
    ("Taylor Past", "taylor.past", S.COMPLETED, "", ""),
    ("Quinn Past", "quinn.past", S.COMPLETED, "", ""),
    ("Drew Past", "drew.past", S.DECLINED, DeclineReason.CAPACITY, "The programme was full."),
    ("Ellis Past", "ellis.past", S.WITHDRAWN, "", "Exams moved to that week."),
    ("Frankie Past", "frankie.past", S.DISCONTINUED, "", "Did not follow the escorting officer's instructions."),
]


def seed_monitoring_demo(*, head_user, escort_user, make_participant):
    ProtocolReview.objects.get_or_create(
        reviewed_on=PROTOCOL_LAST_REVIEWED,
        defaults={
            "next_review_on": two_years_after(PROTOCOL_LAST_REVIEWED),
            "notes": "Reviewed with minor additions and amendments (protocol 1.1).",
            "recorded_by": head_user,
        },
    )
    first_day = monday(timezone.localdate()) - timedelta(weeks=26)
    past = finished_programme(first_day, capacity=2, places_confirmed=2)  # the two completed held places
    applications = [
        _application(
            past,
            make_participant(name, login),
            status=status,
            decline_reason=reason,
            status_reason=status_reason,
            # Taylor was 15 on the first day (the exception below); the others 16 or 17
            date_of_birth=first_day.replace(year=first_day.year - 16)
            + timedelta(days=10 if login == "taylor.past" else -200),
            escorting_officer=escort_user if status in (S.COMPLETED, S.DISCONTINUED) else None,
        )
        for name, login, status, reason, status_reason in PAST_APPLICANTS
    ]
    taylor, _quinn, _drew, _ellis, frankie = applications
    # Protocol 2.3: Taylor turned 16 ten days after the programme started
    DiscretionaryException.objects.get_or_create(
        application=taylor,
        rule=ExceptionRule.MINIMUM_AGE,
        defaults={
            "rationale": "Sixteen ten days after the start; the school could release them only that week.",
            "granted_by": head_user,
        },
    )
    # Protocol 3.5.5: an incident on each of two days
    for application, day, event in ((taylor, 1, "Fire alarm at the college"), (frankie, 2, "Left the group")):
        DynamicRiskAssessment.objects.get_or_create(
            application=application,
            event=event,
            defaults={
                "recorded_by": escort_user,
                "occurred_at": timezone.make_aware(datetime.combine(first_day + timedelta(days=day), time(11))),
                "hazards": "Crowded stairs and a busy car park.",
                "controls": "Stayed with the escorting officer until the all-clear.",
            },
        )
