"""Reads: the vetting officer's pages and work queues (the records waiting for a decision,
each with its checks and what vetting.subjects says of it, in a fixed number of queries), and
the agreements of many records in one query, for other apps' list pages."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from . import subjects
from .enums import OPEN_CHECKS, CheckStatus, Clearance
from .models import AgreementStatus, VettingCheck, WorkPlacementAgreement
from .rules import decides_checks
from .services.checks import checks_of, clearance_of, lapses_early

# A check that waits for the vetting officer: undecided, or a clearance that lapses before
# the placement's last day (issue 10: flagged), to be withdrawn and requested again.
OPEN = Q(status__in=OPEN_CHECKS)
LAPSING = Q(status=CheckStatus.CLEARED, expires_on__lt=F("needed_until"))


def waiting_records(condition):
    """One row per record with a check meeting ``condition`` (for counts on the staff home)."""
    return VettingCheck.objects.filter(condition).values("content_type", "object_id").distinct()


@dataclass(frozen=True)
class VettedRecord:
    content_type_id: int
    object_id: int
    subject: subjects.Subject
    checks: list

    @property
    def lapsing(self) -> list:
        return [check for check in self.checks if lapses_early(check, self.subject.ends_on)]


def records_to_decide() -> list[VettedRecord]:
    """Every record with a check waiting, with all its checks: three queries whatever the rows."""
    waiting = VettingCheck.objects.filter(
        OPEN | LAPSING, content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    checks = list(VettingCheck.objects.filter(Exists(waiting)).select_related("decided_by").order_by("pk"))
    return _grouped(checks)


def record_checks(content_type_id: int, object_id: int) -> VettedRecord | None:
    checks = list(
        VettingCheck.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .select_related("decided_by", "requested_by")
        .order_by("pk")
    )
    grouped = _grouped(checks)
    return grouped[0] if grouped else None


def _grouped(checks) -> list[VettedRecord]:
    by_record: dict[tuple, list] = {}
    for check in checks:
        by_record.setdefault((check.content_type_id, check.object_id), []).append(check)
    records = subjects.records_of(checks)
    found = [
        VettedRecord(key[0], key[1], subjects.describe(records[key]), rows)
        for key, rows in by_record.items()
        if key in records
    ]
    # a record with no dates yet (a volunteer campaign whose training is not set: issue 11) last
    return sorted(found, key=lambda r: (r.subject.starts_on or r.subject.ends_on or date.max, r.subject.person_name))


def agreements_for(records, *, include_void=True) -> dict:
    """record pk -> its Work Placement Agreement, for records of one model; without those no
    longer needed (issue 10) when ``include_void`` is False, for the participant's own pages."""
    records = list(records)
    if not records:
        return {}
    agreements = WorkPlacementAgreement.objects.filter(
        content_type=ContentType.objects.get_for_model(records[0]), object_id__in=[record.pk for record in records]
    )
    if not include_void:
        agreements = agreements.exclude(status=AgreementStatus.VOID)
    return {agreement.object_id: agreement for agreement in agreements}


@dataclass(frozen=True)
class Outcome:
    """A record's vetting as a page outside vetting shows it (issue 10: "Others see 'cleared /
    not cleared / in progress'"; clearances lapsing before the placement ends are flagged):
    no check's type, date or notes. ``checks_url`` is the way to the checks, for the vetting
    officer alone ("" for anyone else, the admin included)."""

    clearance: Clearance | None  # None: no check requested yet
    lapses_early: bool
    checks_url: str


def outcome_for(record, user) -> Outcome:
    """One query: the record's checks."""
    checks = list(checks_of(record))
    if not checks:
        return Outcome(None, False, "")
    ends_on = subjects.describe(record).ends_on
    pointer = subjects.pointer(record)
    url = reverse("vetting_record", args=[pointer["content_type"].pk, record.pk]) if decides_checks(user) else ""
    return Outcome(clearance_of(checks, ends_on), any(lapses_early(check, ends_on) for check in checks), url)
