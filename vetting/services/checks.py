"""Vetting checks (protocol 3.3.1: "the necessary vetting checks in line with Force Policy
P04"): one function per state change of CHECK_WORKFLOW. Each locks the record's checks,
writes inside a transaction and logs the move (accounts.audit) with no reason: the
vetting officer's notes stay on the check, never in the log, an email or an export
(DOMAIN.md §1, "the only role that sees vetting detail").

When the last required check of a record is cleared the record's app is told
(``on_vetting_cleared``, vetting.subjects), and when one is refused, ``on_vetting_refused``:
that app moves its record on and emails the person (for work experience, placements'
record_clearance, whose emails give the outcome and never a reason)."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, Q
from django.utils import timezone

from accounts.audit import move_status, record_action
from kentplacements.workflow import DomainError

from .. import subjects
from ..enums import CHECK_WORKFLOW, LIVE_CHECKS, OPEN_CHECKS, CheckStatus, CheckType, Clearance
from ..models import VettingCheck

S = CheckStatus


def checks_of(record):
    """The record's checks, oldest first."""
    return VettingCheck.objects.filter(**subjects.pointer(record)).select_related("decided_by", "requested_by")


def _lock_record(record) -> list[VettingCheck]:
    """Lock every check of the record, in one order, so two officers deciding two of its
    checks at once take turns and exactly one of them sees the last one cleared."""
    return list(VettingCheck.objects.select_for_update().filter(**subjects.pointer(record)).order_by("pk"))


def _locked(check) -> tuple[VettingCheck, object]:
    record = subjects.subject_of(check)
    locked = next((row for row in _lock_record(record) if row.pk == check.pk), None)
    if locked is None:
        raise DomainError("This check no longer exists.")
    return locked, record


def _add_notes(check, notes: str) -> dict:
    """The change to ``notes`` (kept, each addition after the last): for move_status."""
    notes = (notes or "").strip()
    return {"notes": f"{check.notes}\n\n{notes}".strip()} if notes else {}


# --- requests -------------------------------------------------------------------------


@transaction.atomic
def request_check(record, check_type, *, by, required: bool = True) -> VettingCheck:
    """Ask for one check on ``record``. A check of that type still live (open or cleared)
    is returned as it is: requesting twice asks once."""
    check_type = CheckType(check_type)
    _lock_record(record)
    live = checks_of(record).filter(check_type=check_type, status__in=LIVE_CHECKS).first()
    if live is not None:
        return live
    check = VettingCheck.objects.create(
        **subjects.pointer(record),
        check_type=check_type,
        required=required,
        requested_by=by if by is not None and by.is_authenticated else None,
        requested_at=timezone.now(),
        needed_until=subjects.describe(record).ends_on,
    )
    record_action(check, action="request_check", by=by, to_state=S.REQUESTED)
    return check


@transaction.atomic
def request_checks(record, check_types, *, by) -> list[VettingCheck]:
    """The required checks of ``record`` (for work experience: WORK_EXPERIENCE_CHECKS),
    requested when its app starts vetting it."""
    return [request_check(record, check_type, by=by) for check_type in check_types]


# --- decisions ------------------------------------------------------------------------


@transaction.atomic
def start_check(check, *, by, notes: str = "") -> VettingCheck:
    check, _record = _locked(check)
    move_status(check, S.IN_PROGRESS, workflow=CHECK_WORKFLOW, by=by, action="start_check", **_add_notes(check, notes))
    return check


@transaction.atomic
def clear_check(check, *, by, expires_on: date | None = None, notes: str = "") -> VettingCheck:
    """in_progress -> cleared, until ``expires_on`` (None: it does not lapse). Clearing the
    last required check tells the record's app (``on_vetting_cleared``)."""
    check, record = _locked(check)
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError("The clearance cannot have lapsed already: check the expiry date.")
    was_cleared = vetting_cleared(record)
    changes = {"decided_by": by, "decided_at": timezone.now(), "expires_on": expires_on, **_add_notes(check, notes)}
    move_status(check, S.CLEARED, workflow=CHECK_WORKFLOW, by=by, action="clear_check", **changes)
    if not was_cleared and vetting_cleared(record):
        subjects.call_hook(record, "on_vetting_cleared", by=by)
    return check


@transaction.atomic
def refuse_check(check, *, by, notes: str = "") -> VettingCheck:
    """in_progress -> refused: vetting ends for the record. Its other open checks are
    withdrawn (nothing is left to decide) and the record's app is told (``on_vetting_refused``)."""
    check, record = _locked(check)
    changes = {"decided_by": by, "decided_at": timezone.now(), **_add_notes(check, notes)}
    move_status(check, S.REFUSED, workflow=CHECK_WORKFLOW, by=by, action="refuse_check", **changes)
    for other in checks_of(record).filter(status__in=OPEN_CHECKS):
        _withdraw(other, by=by)
    subjects.call_hook(record, "on_vetting_refused", by=by)
    return check


def _withdraw(check, *, by, notes: str = ""):
    changes = {"decided_by": by, "decided_at": timezone.now(), **_add_notes(check, notes)}
    move_status(check, S.WITHDRAWN, workflow=CHECK_WORKFLOW, by=by, action="withdraw_check", **changes)


@transaction.atomic
def withdraw_check(check, *, by, notes: str = "") -> VettingCheck:
    """Requested, in progress or cleared -> withdrawn: no longer needed, or a clearance that
    lapses before the placement ends, to be requested again."""
    check, _record = _locked(check)
    _withdraw(check, by=by, notes=notes)
    return check


@transaction.atomic
def withdraw_open_checks(record, *, by) -> list[VettingCheck]:
    """The record has ended: nothing is left for the vetting officer to decide on it. Its
    open checks, and clearances that lapse before the placement would have ended (waiting
    to be renewed, issue 10), are withdrawn, so the vetting queues no longer count them."""
    ends_on = subjects.describe(record).ends_on
    withdrawn = [check for check in _lock_record(record) if check.status in OPEN_CHECKS or lapses_early(check, ends_on)]
    for check in withdrawn:
        _withdraw(check, by=by)
    return withdrawn


# --- what others may know -------------------------------------------------------------


def lapses_early(check, needed_until: date | None = None) -> bool:
    """A clearance that lapses before the placement's last day (issue 10: flagged)."""
    needed_until = needed_until or check.needed_until
    return bool(check.status == S.CLEARED and check.expires_on and needed_until and check.expires_on < needed_until)


def _cleared(checks, ends_on) -> bool:
    required = [check for check in checks if check.required and check.status in LIVE_CHECKS]
    refused = any(check.status == S.REFUSED for check in checks)
    return (
        bool(required)
        and not refused
        and all(check.status == S.CLEARED and not lapses_early(check, ends_on) for check in required)
    )


def vetting_cleared(record) -> bool:
    """Every required check of ``record`` is cleared, none lapses before the placement ends,
    and none was refused (protocol 3.3.2: confirmed "once the necessary checks ... have
    been completed")."""
    return _cleared(list(checks_of(record)), subjects.describe(record).ends_on)


def vetting_cleared_where(model, *, ends_on) -> Q:
    """``vetting_cleared`` in SQL, for a queryset of ``model`` (``ends_on``: the expression of
    its placement's last day, as its ``describe`` gives it)."""
    checks = VettingCheck.objects.filter(**subjects.pointing_at_outer(model))
    required = checks.filter(required=True, status__in=LIVE_CHECKS)
    return (
        Q(Exists(required))
        & ~Exists(checks.filter(status=S.REFUSED))
        & ~Exists(required.exclude(status=S.CLEARED))
        & ~Exists(required.filter(expires_on__lt=ends_on))
    )


def clearance_of(checks, ends_on=None) -> Clearance:
    """What anyone but the vetting officer may know of a record's vetting, from its checks
    (issue 10: "cleared / not cleared / in progress"); no check's type, date or notes."""
    checks = list(checks)
    if _cleared(checks, ends_on):
        return Clearance.CLEARED
    if any(check.status in OPEN_CHECKS for check in checks):
        return Clearance.IN_PROGRESS
    return Clearance.NOT_CLEARED


def clearance(record) -> Clearance:
    return clearance_of(checks_of(record), subjects.describe(record).ends_on)
