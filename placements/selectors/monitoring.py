"""What the Head of Resourcing monitors (seed 001, 7.1: "Monitoring will be undertaken by
the Head of Resourcing"): per work-experience programme and in total, the applications by
outcome, the reasons applications were declined, the exceptions granted (2.3), the
placements ended for conduct (2.4) and the dynamic risk assessments recorded (3.5.5).

Figures only, never a reason's text: a discontinuation's reason is free text about one
young person, read on that application's own page by those who may (accounts.audit's
conduct rule); monitoring compares programmes, and a count per programme is what shows a
pattern. The programmes and three grouped counts: the same queries for 1 programme or 50."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from accounts.roles import Role

from ..charts import BarChart, horizontal_bar_chart
from ..enums import ENDED_APPLICATIONS, ApplicationStatus, DeclineReason, ExceptionRule
from ..models import DiscretionaryException, DynamicRiskAssessment, ProtocolReview, WorkExperienceApplication
from ..models import WorkExperienceProgramme as Programme
from ..models.monitoring import REVIEW_REMINDER_LEAD
from .placement_days import _holding_role

S = ApplicationStatus
UNDER_WAY = "under_way"
# Outcomes: an application sent and not yet ended is under way; each way of ending is its own.
OUTCOMES = [(UNDER_WAY, "Under way"), *((s.value, s.label) for s in S if s in ENDED_APPLICATIONS)]
DECLINED_FOR_CONDUCT = "declined_for_conduct"
DISCONTINUED = "discontinued"
DRAS = "dras"
CONDUCT_AND_SAFETY = [
    (DECLINED_FOR_CONDUCT, "Declined for conduct"),
    (DISCONTINUED, "Placements discontinued"),
    (DRAS, "Dynamic risk assessments"),
]


@dataclass(frozen=True)
class Row:
    label: str
    counts: list[int]
    total: int | None


@dataclass(frozen=True)
class Breakdown:
    """One section of the page: a table of programmes by ``columns`` with a total row, and a
    chart of that total row (the same figures, drawn)."""

    slug: str
    heading: str
    caption: str
    columns: list[str]
    rows: list[Row]
    totals: Row
    totalled: bool  # whether the columns add up to a meaningful total

    @property
    def chart(self) -> BarChart:
        return horizontal_bar_chart(list(zip(self.columns, self.totals.counts, strict=True)))


def _breakdown(slug, heading, caption, columns, programmes, counts: Counter, *, totalled=True) -> Breakdown:
    """``counts``: (programme pk, column key) -> figure."""
    keys = [key for key, _label in columns]

    def row(label, line):
        return Row(label, line, sum(line) if totalled else None)

    rows = [row(p.title, [counts[p.pk, key] for key in keys]) for p in programmes]
    totals = row("All programmes", [sum(r.counts[i] for r in rows) for i in range(len(keys))])
    return Breakdown(slug, heading, caption, [label for _key, label in columns], rows, totals, totalled)


def _grouped(queryset, *fields) -> Counter:
    """How many rows of ``queryset`` have each combination of ``fields``: one query."""
    rows = queryset.values(*fields).annotate(n=Count("pk")).order_by()
    return Counter({tuple(row[field] for field in fields): row["n"] for row in rows})


@dataclass(frozen=True)
class Monitoring:
    programmes: int
    breakdowns: list[Breakdown]


def work_experience_monitoring() -> Monitoring:
    programmes = list(Programme.objects.only("pk", "title", "starts_on").order_by("-starts_on", "pk"))
    sent = WorkExperienceApplication.objects.exclude(status=S.DRAFT)
    outcomes, reasons = Counter(), Counter()
    for (programme, status, reason), n in _grouped(sent, "programme", "status", "decline_reason").items():
        outcomes[programme, status if status in ENDED_APPLICATIONS else UNDER_WAY] += n
        if status == S.DECLINED:
            reasons[programme, reason] += n
    dras = _grouped(DynamicRiskAssessment.objects.all(), "application__programme")
    conduct = Counter()
    for p in programmes:
        conduct[p.pk, DECLINED_FOR_CONDUCT] = reasons[p.pk, DeclineReason.CONDUCT.value]
        conduct[p.pk, DISCONTINUED] = outcomes[p.pk, S.DISCONTINUED.value]
        conduct[p.pk, DRAS] = dras[(p.pk,)]
    exceptions = _grouped(DiscretionaryException.objects.all(), "application__programme", "rule")
    return Monitoring(
        programmes=len(programmes),
        breakdowns=[
            _breakdown(
                "outcomes", "Applications by outcome", "Applications sent, by outcome", OUTCOMES, programmes, outcomes
            ),
            _breakdown(
                "declined",
                "Why applications were declined",
                "Applications declined, by reason",
                DeclineReason.choices,
                programmes,
                reasons,
            ),
            _breakdown(
                "exceptions",
                "Exceptions granted (protocol 2.3)",
                "Exceptions granted, by the rule waived",
                ExceptionRule.choices,
                programmes,
                exceptions,
            ),
            _breakdown(
                "conduct",
                "Conduct and safety (protocol 2.4, 3.5.5)",
                "Conduct and dynamic risk assessments",
                CONDUCT_AND_SAFETY,
                programmes,
                conduct,
                totalled=False,
            ),
        ],
    )


def heads_of_resourcing():
    return _holding_role(Role.HEAD_OF_RESOURCING)


def current_review(reviews=None) -> ProtocolReview | None:
    """The latest review recorded (the model's ordering: by the day reviewed): the one whose
    next review is the one to come."""
    return (ProtocolReview.objects.all() if reviews is None else reviews).first()


def review_due(today):
    """The current review, once its next one is near (ProtocolReview.is_due), as a queryset
    for the Head of Resourcing's count on their home (placements.queues)."""
    latest = ProtocolReview.objects.values("pk")[:1]
    return ProtocolReview.objects.filter(pk__in=latest, next_review_on__lte=today + REVIEW_REMINDER_LEAD)
