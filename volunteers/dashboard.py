"""A recruitment campaign's dashboard for the recruitment team (issue 11): how far its
applications got, how long they spent in each stage, how its interview times were used and
where applications ended. Seed 002's pilot runs on dates ("closes on 26 January 2018",
interviews "during February", training "at the end of April"): the team sees at a glance
where applications wait.

The dashboard is SECTIONS, a list of small functions, each taking the campaign's figures
(CampaignFigures: every application and its status moves, each read once) and returning a
Section: its title, its table's rows and, when the figures draw well as bars, the column
the chart draws. The page and its CSV show every section alike, so another part of the
pilot adds its figures as one more function in the list."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from itertools import pairwise
from statistics import mean, median

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast

from accounts.models import ActionLog
from placements.charts import BarChart, horizontal_bar_chart

from .enums import ENDED_APPLICATIONS, VolunteerApplicationStatus, role_path
from .models import TrainingSession, VolunteerApplication

S = VolunteerApplicationStatus
DAY = timedelta(days=1).total_seconds()
NOT_RECORDED = "Not recorded"  # an ended application whose end is not in the action log


@dataclass(frozen=True)
class Section:
    """One part of the dashboard: a table whose first column names each row, and a bar
    chart of its ``charted`` column (the same figures, drawn), if it has one."""

    slug: str
    title: str
    explanation: str
    columns: tuple[str, ...]
    rows: list[tuple]
    charted: int | None = None

    @cached_property
    def chart(self) -> BarChart | None:
        if self.charted is None or not self.rows:  # nothing to draw: the table says so
            return None
        return horizontal_bar_chart([(row[0], row[self.charted]) for row in self.rows])

    @property
    def chart_description(self) -> str:
        return self.columns[self.charted] if self.charted is not None else ""


@dataclass(frozen=True)
class Move:
    when: datetime
    from_state: str
    to_state: str


class CampaignFigures:
    """What the sections read, each read once whatever the number of applications: the
    campaign's applications and their status moves from the action log, oldest first."""

    def __init__(self, campaign, now: datetime):
        self.campaign, self.now = campaign, now

    @cached_property
    def stages(self) -> tuple:
        """The campaign's path: a role without a fitness test or medical certificate skips them."""
        return role_path(self.campaign.role)

    @cached_property
    def applications(self) -> list[VolunteerApplication]:
        return list(VolunteerApplication.objects.filter(campaign=self.campaign).only("pk", "status", "submitted_at"))

    @cached_property
    def now_at(self) -> Counter:
        """Status -> how many of the campaign's applications are at it today."""
        return Counter(application.status for application in self.applications)

    @cached_property
    def moves(self) -> dict[int, list[Move]]:
        """Application pk -> its status moves (entries with a state reached), oldest first."""
        keys = (
            VolunteerApplication.objects.filter(campaign=self.campaign)
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        entries = (
            ActionLog.objects.filter(
                content_type=ContentType.objects.get_for_model(VolunteerApplication), object_id__in=keys
            )
            .exclude(to_state="")
            .order_by("created_at", "pk")
            .values_list("object_id", "created_at", "from_state", "to_state")
        )
        moves = defaultdict(list)
        for object_id, when, from_state, to_state in entries:
            moves[int(object_id)].append(Move(when, from_state, to_state))
        return moves

    def left_from(self, application) -> str:
        """The stage an ended application (not successful, withdrawn) left from, or NOT_RECORDED."""
        ending = [move for move in self.moves[application.pk] if move.to_state in ENDED_APPLICATIONS]
        return ending[-1].from_state if ending and ending[-1].from_state in self.stages else NOT_RECORDED

    def furthest(self, application) -> str:
        """The stage the application got to: its status, or for an ended one the stage it left from."""
        if application.status in self.stages:
            return application.status
        stage = self.left_from(application)
        return stage if stage != NOT_RECORDED else S.SUBMITTED

    def days_in_stages(self, application) -> dict[str, float]:
        """Stage -> the days the application spent there, for the stages it has left. It
        enters "submitted" when it is sent, then each stage when the log moves it there; a
        stage it came back to (an interview cancelled: shortlisted again) adds up."""
        timeline = [(application.submitted_at, S.SUBMITTED)]
        timeline += [(move.when, move.to_state) for move in self.moves[application.pk]]
        spent = defaultdict(timedelta)
        for (entered, stage), (left, _next) in pairwise(timeline):
            spent[stage] += max(left - entered, timedelta(0))
        return {stage: time.total_seconds() / DAY for stage, time in spent.items() if stage != application.status}


def _label(stage: str) -> str:
    return S(stage).label if stage in S.values else stage


def _days(values) -> tuple:
    return (round(median(values), 1), round(mean(values), 1)) if values else (None, None)


# --- the sections ---------------------------------------------------------------------


def funnel(figures: CampaignFigures) -> Section:
    reached = Counter()
    for application in figures.applications:
        furthest = figures.stages.index(figures.furthest(application))
        reached.update(figures.stages[: furthest + 1])
    return Section(
        slug="funnel",
        title="Applications by stage",
        explanation="Reached: the applications that got to the stage, whether they are there now, went further, "
        "or ended there or later (not successful or withdrawn). Now at: those at the stage today. The chart "
        "draws the Reached column.",
        columns=("Stage", "Reached this stage", "Now at this stage"),
        rows=[(_label(stage), reached[stage], figures.now_at[stage]) for stage in figures.stages],
        charted=1,
    )


def time_in_stage(figures: CampaignFigures) -> Section:
    days = defaultdict(list)
    for application in figures.applications:
        for stage, spent in figures.days_in_stages(application).items():
            days[stage].append(spent)
    # The last stage (active volunteer) is never left: it has no time to measure.
    rows = [
        (_label(stage), len(days[stage]), *_days(days[stage]), figures.now_at[stage]) for stage in figures.stages[:-1]
    ]
    return Section(
        slug="time-in-stage",
        title="Time in each stage",
        explanation="Worked out from the action log: from the moment an application moved into a stage to the "
        "moment it moved on or ended. Only finished stays count: an application still in a stage is counted in "
        "the last column but not in the days, which would otherwise shrink each time new applications arrive.",
        columns=("Stage", "Applications that left it", "Median days", "Mean days", "Still in it"),
        rows=rows,
    )


def interview_slots(figures: CampaignFigures) -> Section:
    use = figures.campaign.interview_slots.aggregate(
        published=Count("pk"),
        booked=Count("pk", filter=Q(application__isnull=False)),
        free=Count("pk", filter=Q(application__isnull=True, starts_at__gt=figures.now)),
        unused=Count("pk", filter=Q(application__isnull=True, starts_at__lte=figures.now)),
    )
    return Section(
        slug="interview-times",
        title="Interview times",
        explanation="Times published on the campaign's interview page. Booked counts every time a candidate "
        "holds, past or to come; free times can still be booked.",
        columns=("Interview times", "Number"),
        rows=[
            ("Published", use["published"]),
            ("Booked", use["booked"]),
            ("Free, still to come", use["free"]),
            ("Past and not booked", use["unused"]),
        ],
        charted=1,
    )


def endings(figures: CampaignFigures) -> Section:
    ended = Counter()
    for application in figures.applications:
        if application.status in ENDED_APPLICATIONS:
            ended[figures.left_from(application), application.status] += 1
    left_from = list(figures.stages[:-1])  # an active volunteer's application has not ended
    if any(stage == NOT_RECORDED for stage, _status in ended):
        left_from.append(NOT_RECORDED)

    def row(label, stages):
        counts = [sum(ended[stage, status] for stage in stages) for status in (S.REJECTED, S.WITHDRAWN)]
        return (label, *counts, sum(counts))

    return Section(
        slug="endings",
        title="Not successful and withdrawn, by the stage they left from",
        explanation="Each application that ended, under the stage it was at when it was not taken further or "
        "its applicant withdrew it.",
        columns=("Stage left from", S.REJECTED.label, S.WITHDRAWN.label, "Total"),
        rows=[*(row(_label(stage), [stage]) for stage in left_from), row("All stages", left_from)],
    )


def training_attendance(figures: CampaignFigures) -> Section:
    """Seed 002: training "over five weekends over a 10 week period"; each weekend's register."""
    weekends = (
        TrainingSession.objects.filter(course__campaign=figures.campaign)
        .annotate(
            attended=Count("attendance", filter=Q(attendance__attended=True)),
            absent=Count("attendance", filter=Q(attendance__attended=False)),
        )
        .order_by("starts_at", "pk")
    )
    return Section(
        slug="training-attendance",
        title="Training attendance",
        explanation="Each training weekend's register as the team kept it: trainees who attended and those marked "
        "absent. A weekend whose register is not kept yet shows zeros; no weekend is listed until the training is "
        "set up on the campaign's training page. The chart draws the Attended column.",
        columns=("Weekend", "Attended", "Absent"),
        rows=[
            (f"Weekend {number}: {weekend.when()}", weekend.attended, weekend.absent)
            for number, weekend in enumerate(weekends, start=1)
        ],
        charted=1,
    )


SECTIONS = [funnel, time_in_stage, interview_slots, endings, training_attendance]


def campaign_dashboard(campaign, now: datetime) -> list[Section]:
    figures = CampaignFigures(campaign, now)
    return [section(figures) for section in SECTIONS]
