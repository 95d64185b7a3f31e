"""Reads for work experience (seed 001) shared by pages and the back office."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from ..enums import ApplicationStatus, ProgrammeStatus
from ..models import RiskAssessment, WorkExperienceApplication, WorkExperienceProgramme
from ..models.work_experience import ADULT_AGE
from .placement_days import ON_PLACEMENT


def open_programmes():
    return WorkExperienceProgramme.objects.filter(
        status=ProgrammeStatus.OPEN, applications_close_at__gt=timezone.now()
    ).order_by("starts_on")


def public_programmes():
    """Programmes anyone may read about: every one but a draft."""
    return WorkExperienceProgramme.objects.exclude(status=ProgrammeStatus.DRAFT)


def applications_of(user):
    return WorkExperienceApplication.objects.filter(applicant=user).select_related("programme")


def eligibility_answers(application) -> list[tuple[str, str]]:
    """The applicant's answers as (question, "Yes"/"No"), in the order the programme asks
    them: how the application page and the export show them (issue 8). Lists prefetch
    ``programme__questions``. A question never answered (a draft) is left out."""
    answers = application.eligibility_answers
    return [
        (question.text, "Yes" if answers[str(question.pk)] else "No")
        for question in application.programme.questions.all()
        if str(question.pk) in answers
    ]


def eligibility_answers_text(application) -> str:
    """One line for a spreadsheet cell: "question: answer; question: answer" (a question
    ending in "?" takes no colon: "Do you live in Kent? Yes")."""
    return "; ".join(
        f"{question} {answer}" if question.endswith(("?", ":")) else f"{question}: {answer}"
        for question, answer in eligibility_answers(application)
    )


def last_adult_birthday(programme) -> date:
    """Born after this day, a person is under 18 on the programme's first day (3.5.3)."""
    first = programme.starts_on
    try:
        return first.replace(year=first.year - ADULT_AGE)
    except ValueError:  # a first day of 29 February: 18 years before has no such day
        return date(first.year - ADULT_AGE, 2, 28)


def under_18_on_first_day(applications):
    """Applications whose applicant is under 18 on their programme's first day: one
    condition per programme, as the threshold depends on its first day."""
    programmes = WorkExperienceProgramme.objects.filter(applications__in=applications).distinct()
    condition = Q(pk__in=[])
    for programme in programmes:
        condition |= Q(programme=programme, date_of_birth__gt=last_adult_birthday(programme))
    return applications.filter(condition)


def programme_dashboard(programme) -> dict:
    """Places, applications by status, under-18s and overdue risk reviews, in 2 queries; and
    how many rows each of the dashboard's lists has (``listed``), counted in the same
    aggregate so that their pages need no count of their own (issue 13)."""
    sent = ~Q(status=ApplicationStatus.DRAFT)
    counts = WorkExperienceApplication.objects.filter(programme=programme).aggregate(
        every=Count("pk"),
        total=Count("pk", filter=sent),
        under_18=Count("pk", filter=sent & Q(date_of_birth__gt=last_adult_birthday(programme))),
        **{f"status_{status}": Count("pk", filter=Q(status=status)) for status in ApplicationStatus},
    )
    by_status = {status: counts[f"status_{status}"] for status in ApplicationStatus}
    overdue = (
        RiskAssessment.objects.filter(application__programme=programme, review_due__lt=timezone.localdate())
        .select_related("application__applicant", "owner")
        .order_by("review_due")
    )
    return {
        "counts": {"total": counts["total"], "under_18": counts["under_18"]},
        "by_status": [(status.label, by_status[status]) for status in ApplicationStatus if status != "draft"],
        "overdue_reviews": list(overdue),
        "listed": {
            "applications": counts["every"],  # programme_applications: drafts too
            "in_checks": sum(by_status[status] for status in IN_CHECKS),
            "participants": sum(by_status[status] for status in ON_PLACEMENT),
        },
    }


def staff_programmes():
    """Every programme for the recruitment team's list, newest first (the model's order)."""
    return WorkExperienceProgramme.objects.all()


def programme_participants(programme):
    """Who is on the programme (confirmed or attending), with their escorting officer:
    the dashboard links each one to their participant page (issue 9)."""
    return (
        programme.applications.filter(status__in=ON_PLACEMENT)
        .select_related("applicant", "escorting_officer")
        .order_by("applicant__full_name", "pk")
    )


# Between shortlisting and confirmation: references are asked for and read (protocol 3.3.2).
IN_CHECKS = (
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.VETTING,
    ApplicationStatus.CLEARED,
    ApplicationStatus.AGREEMENT_PENDING,
)


def programme_applications_in_checks(programme):
    """The applications going through checks and references, each linked to its references
    page (issue 10)."""
    return (
        programme.applications.filter(status__in=IN_CHECKS)
        .select_related("applicant")
        .order_by("applicant__full_name", "pk")
    )


def programme_days(programme) -> list[date]:
    """The programme's weekdays: the days that have a daily register."""
    length = (programme.ends_on - programme.starts_on).days + 1
    days = (programme.starts_on + timedelta(days=n) for n in range(length))
    return [day for day in days if day.weekday() < 5]


def programme_applications(programme):
    """Every application of a programme, for the dashboard's rows (issue 10). A draft is
    listed too: the Head of Resourcing may make an exception (2.3) that lets it be sent."""
    return programme.applications.select_related("applicant").order_by("submitted_at", "pk")


def staff_applications():
    """Applications as the recruitment team and the Head of Resourcing open them (issue 10)."""
    return WorkExperienceApplication.objects.select_related(
        "programme", "applicant", "escorting_officer"
    ).prefetch_related("programme__questions")
