"""The equality reports (issue 12): for one campaign, programme or event, how many people
gave each answer to each question, by the furthest stage their application reached, with
small numbers hidden (suppression.py); the same figures as a chart and as a CSV.

The stage comes from the respondent key: the report works out the key of each of the
source's applications (invitations.respondent_key) and matches the answers to them in
memory, never storing or showing which answers are whose.

What is never hidden, so that no table can be read with another's help: how many answered
(the grand total) and how many reached each stage (the column totals). So a report needs
at least 5 people who answered, and a stage reached by 1 to 4 of them is merged with the
stage before it ("Offered a place to Active volunteer"); people whose application is no
longer kept, so whose stage is not known, are a column of their own, or join the first."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from placements.charts import BarChart, horizontal_bar_chart

from .characteristics import CHARACTERISTICS, FIELDS, Characteristic
from .invitations import respondent_key
from .models import EqualityResponse
from .sources import Source, registered
from .suppression import FEW, MANY, SMALL, suppress

ALL_STAGES = "All stages"
ALL_ANSWERS = "All answers"
NOT_KNOWN = "not known"  # the application is no longer kept (retention)
CSV_COLUMNS = ("Question", "Answer", "Stage reached", "Number of people")
# each count of a table no choice of hidden cells could protect (suppression.suppress)
WITHHELD = "Not shown"


@dataclass(frozen=True)
class Table:
    characteristic: Characteristic
    columns: tuple[str, ...]  # the stages reached, then ALL_STAGES
    rows: list[tuple]  # (answer, *what each column shows), then the ALL_ANSWERS row
    withheld: bool = False

    @property
    def slug(self) -> str:
        return self.characteristic.field.replace("_", "-")

    @property
    def chart(self) -> BarChart:
        """The table's last column, drawn: a hidden count has no bar and its text ("<5")."""
        totals = [(row[0], row[-1]) for row in self.rows[:-1]]
        chart = horizontal_bar_chart([(label, 0 if shown in (FEW, MANY) else int(shown)) for label, shown in totals])
        shown = [text for _label, text in totals]
        return replace(chart, bars=[replace(bar, value=text) for bar, text in zip(chart.bars, shown, strict=True)])


@dataclass(frozen=True)
class Report:
    registration: Source
    source: object
    respondents: str  # how many answered: the number, or "<5" and no tables
    tables: list[Table]
    # nobody's answers are left because the source ended longer ago than the answers are
    # kept (settings.RETENTION["equality_answers"], outreach/retention.py)
    disposed: bool = False

    def csv_rows(self):
        """The tables, figure by figure, in words."""
        for table in self.tables:
            for answer, *cells in table.rows:
                for stage, shown in zip(table.columns, cells, strict=True):
                    yield (table.characteristic.name, answer, stage, shown)


def stage_columns(labels: list[str], reached: list[int]) -> tuple[list[str], list[int]]:
    """The report's columns and each respondent's column: ``labels`` are the stages in order
    (the index len(labels) in ``reached``: not known, a column of its own from 5 people, else
    counted with the first stage); a stage reached by 1 to 4 respondents is merged with the
    stage before it (the first, with the one after), until none is."""
    counts, unknown = Counter(reached), len(labels)
    groups = [[index] for index in range(len(labels))]
    if counts[unknown] >= SMALL:
        groups.append([unknown])
    elif counts[unknown]:
        groups[0].append(unknown)
    while len(groups) > 1 and (small := [g for g in groups if 0 < sum(counts[i] for i in g) < SMALL]):
        at = groups.index(small[-1])
        neighbour = at - 1 if at else 1
        groups[min(at, neighbour)] = sorted(groups[at] + groups[neighbour])
        del groups[max(at, neighbour)]
    column_of = {index: number for number, group in enumerate(groups) for index in group}
    return [_label(labels, group) for group in groups], [column_of[index] for index in reached]


def _label(labels, group):
    stages = [labels[i] for i in group if i < len(labels)]
    said = stages[0] if len(stages) == 1 else f"{stages[0]} to {stages[-1]}" if stages else ""
    if len(labels) in group:
        return f"{said}, or {NOT_KNOWN}" if said else NOT_KNOWN.capitalize()
    return said


def source_report(registration: Source, source) -> Report:
    """The report of one source: a query for its answers, two for its applications' stages."""
    answers = list(
        EqualityResponse.objects.filter(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk
        ).values_list("respondent_key", *FIELDS)
    )
    if not answers:
        return Report(registration, source, "0", [], disposed=_answers_disposed_of(registration, source))
    if len(answers) < SMALL:
        return Report(registration, source, FEW, [])
    stage_of = {
        respondent_key(registration.model, pk): stage for pk, stage in registration.furthest_stages(source).items()
    }
    labels = [stage.label for stage in registration.stages]
    columns, reached = stage_columns(labels, [stage_of.get(key, len(labels)) for key, *_answers in answers])
    tables = []
    for index, characteristic in enumerate(CHARACTERISTICS, start=1):
        body = {code: [0] * len(columns) for code, _label in characteristic.answers}
        for row, column in zip(answers, reached, strict=True):
            body[row[index]][column] += 1
        shown = suppress(list(body.values()))
        withheld = shown is None
        if withheld:  # no count is shown but the stages' totals, which every table shows
            totals = [*(str(sum(column)) for column in zip(*body.values(), strict=True)), str(len(answers))]
            shown = [[WITHHELD] * len(totals) for _answer in body] + [totals]
        answer_labels = [label for _code, label in characteristic.answers] + [ALL_ANSWERS]
        rows = [(label, *cells) for label, cells in zip(answer_labels, shown, strict=True)]
        tables.append(Table(characteristic, (*columns, ALL_STAGES), rows, withheld))
    return Report(registration, source, str(len(answers)), tables)


def _answers_disposed_of(registration: Source, source) -> bool:
    cutoff = timezone.now() - timedelta(days=settings.RETENTION["equality_answers"])
    return registration.ended_before(cutoff).filter(pk=source.pk).exists()


@dataclass(frozen=True)
class Listed:
    heading: str
    kind: str
    sources: list


def sources_with_answers() -> list[Listed]:
    """Each kind of source with the sources someone answered for: one query for the answers'
    sources, one per kind of source."""
    answered = {}
    for type_id, source_id in EqualityResponse.objects.values_list("source_type", "source_id").distinct():
        answered.setdefault(type_id, set()).add(source_id)
    listed = []
    for registration in registered():
        ids = answered.get(ContentType.objects.get_for_model(registration.source_model).pk, set())
        # select_related(): what their names are made of (a campaign: its role), not a query each
        sources = list(registration.source_model._default_manager.select_related().filter(pk__in=ids)) if ids else []
        listed.append(Listed(registration.heading, registration.kind, sources))
    return listed
