"""Disposal past the retention period (issue 13; DOMAIN.md §4: "a periodic job anonymises
or deletes what is past it and logs what it disposed of").

Each kind goes in batches, each batch one short transaction, so a large backlog neither
holds locks for long nor is lost half-done: what a batch disposed of and its log count
commit together. Files go from storage only after their batch commits (a rolled-back
batch keeps its files), and with them every earlier version's file that the model's
history still names (the reflections' replaced uploads, issue 13)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import F
from django.db.models.deletion import Collector
from django.utils import timezone

from kentplacements.stored_files import files_of, forget_history, remove_after_commit

from .models import DisposalLog
from .registry import ANONYMISE, DELETE, Rule, all_rules

BATCH_SIZE = 500


def period_days(rule: Rule) -> int:
    return settings.RETENTION[rule.kind]


def cutoff(rule: Rule, now: datetime) -> datetime:
    return now - timedelta(days=period_days(rule))


def rule_in_words(rule: Rule) -> str:
    done = "deleted" if rule.action == DELETE else "anonymised"
    return f"{period_days(rule)} days after {rule.counted_from}, then {done}"


@dataclass(frozen=True)
class Due:
    rule: Rule
    in_words: str
    records: int


def preview(now: datetime | None = None) -> list[Due]:
    """What the next run disposes of, kind by kind (the Head of Resourcing's page)."""
    now = now or timezone.now()
    return [Due(rule, rule_in_words(rule), rule.due(cutoff(rule, now)).count()) for rule in all_rules()]


def dispose_past_retention(now: datetime | None = None, *, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Dispose of every kind's records past their period; returns {kind: records}."""
    now = now or timezone.now()
    return {rule.kind: _dispose_kind(rule, now, batch_size) for rule in all_rules()}


def _dispose_kind(rule: Rule, now: datetime, batch_size: int) -> int:
    limit = cutoff(rule, now)
    log_id, total, seen = None, 0, set()
    while True:
        pks = list(rule.due(limit).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not pks:
            return total
        if seen.intersection(pks):
            # an anonymising rule whose due() still matches what it anonymised would loop for ever
            raise RuntimeError(f"retention rule {rule.kind!r} still matches the records it disposed of")
        seen.update(pks)
        with transaction.atomic():
            batch = rule.due(limit).filter(pk__in=pks)
            disposed, files = _dispose_batch(rule, batch)
            if not disposed:
                continue
            if log_id is None:
                log_id = DisposalLog.objects.create(
                    ran_at=now,
                    kind=rule.kind,
                    label=rule.label,
                    action=rule.action,
                    rule=rule_in_words(rule),
                    records=disposed,
                    files=len(files),
                ).pk
            else:
                DisposalLog.objects.filter(pk=log_id).update(
                    records=F("records") + disposed, files=F("files") + len(files)
                )
            remove_after_commit(files)
        total += disposed


def _dispose_batch(rule: Rule, batch) -> tuple[int, set]:
    if rule.action == ANONYMISE:
        rows = list(batch.select_for_update())
        files = files_of(batch.model, rows, rule.file_fields)
        if rule.anonymise is not None:
            rule.anonymise(batch.model.objects.filter(pk__in=[row.pk for row in rows]))
        if rule.file_fields:
            batch.model.objects.filter(pk__in=[row.pk for row in rows]).update(**{f: "" for f in rule.file_fields})
        forget_history(batch.model, [row.pk for row in rows])
        return len(rows), files
    rows = list(batch.select_for_update())
    if rule.delete_first is not None:
        rule.delete_first(batch.model.objects.filter(pk__in=[row.pk for row in rows]))
    collector = Collector(using=router.db_for_write(batch.model))
    collector.collect(rows)
    files, deleted = set(), {}
    for model, instances in collector.data.items():
        instances = list(instances)
        file_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        files |= files_of(model, instances, file_fields)
        deleted[model] = [instance.pk for instance in instances]
    _total, per_model = collector.delete()
    # after the delete: simple-history writes a last version of each deleted row as it goes
    for model, pks in deleted.items():
        forget_history(model, pks)
    return per_model.get(batch.model._meta.label, 0), files
