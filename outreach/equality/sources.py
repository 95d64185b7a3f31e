"""How equality monitoring knows the applications and registrations it follows, without
importing them (as ``vetting.subjects`` does for what vetting checks; DOMAIN.md §2).

An app whose public form is followed by the equality questions (a volunteer application, a
work-experience application, an outreach event registration) registers its record's model
once, from its AppConfig.ready, with ``register(Source(...))``:

- ``kind`` names its sources in the reports' addresses ("campaign"), ``heading`` on the
  page ("Volunteer recruitment campaigns");
- ``source_of(record)``: the campaign, programme or event the record belongs to, which the
  answers keep (reports are per source);
- ``records(source)``: the source's records, each with a ``status``, for the stage report;
- ``stages``: the stages a record can reach, in order, each with the statuses that mean
  it got there (a record whose status is none of them, say withdrawn, reached the furthest
  stage its status history in the action log shows);
- ``continue_url(record)``: where the person goes on after answering or skipping;
- ``ended_before(cutoff)``: its sources that ended before ``cutoff`` (a programme's last
  day, an event's end, a campaign's or an intake's close): their answers are past their
  retention period from then (outreach/retention.py; the answers keep no time of their own);
- ``noun``: what the questions' page calls the record ("registration"; "application" if left)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast

from accounts.models import ActionLog


@dataclass(frozen=True)
class Stage:
    label: str
    statuses: frozenset[str]


@dataclass(frozen=True)
class Source:
    kind: str
    heading: str
    model: type
    source_model: type
    source_of: Callable
    records: Callable
    stages: tuple[Stage, ...]
    continue_url: Callable
    ended_before: Callable
    noun: str = "application"  # what the questions' page calls the person's record

    def furthest_stages(self, source) -> dict[int, int]:
        """Record pk -> the index in ``stages`` of the furthest stage it reached: its status,
        or the furthest its status history shows (two queries, however many records)."""
        records = self.records(source)
        rank = {status: index for index, stage in enumerate(self.stages) for status in stage.statuses}
        reached = {pk: rank.get(status, 0) for pk, status in records.values_list("pk", "status")}
        moves = ActionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id__in=records.annotate(key=Cast("pk", CharField())).values("key"),
        ).exclude(to_state="")
        for object_id, to_state in moves.values_list("object_id", "to_state"):
            pk = int(object_id)
            if pk in reached:
                reached[pk] = max(reached[pk], rank.get(to_state, 0))
        return reached


_BY_MODEL: dict[type, Source] = {}


def register(source: Source) -> None:
    _BY_MODEL[source.model] = source


def registered() -> list[Source]:
    return list(_BY_MODEL.values())


def source_for(record) -> Source:
    try:
        return _BY_MODEL[type(record)]
    except KeyError:
        raise LookupError(f"{type(record).__name__} is not registered with outreach.equality.sources") from None


def source_for_model(model) -> Source | None:
    return _BY_MODEL.get(model)


def source_of_kind(kind: str) -> Source | None:
    return next((source for source in _BY_MODEL.values() if source.kind == kind), None)
