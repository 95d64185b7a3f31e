"""The three capacity counters — an offer's places taken, a programme's places confirmed,
a presentation session's seats taken — and the one way to move them (issue 8 §6).

Taking is a conditional UPDATE: the database checks "still room?" and adds in one
statement, so a concurrent take waits for the row and re-checks (the check constraints
on each model stand behind it). Each move is written to the action log against the
counted row, so a reader can follow a counter back to the changes that made it.

``counter_drift`` is the nightly cross-check: it recounts the rows that hold places and
names every counter that disagrees.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from accounts.audit import action_entry, record_actions
from kentplacements.workflow import DomainError

from .enums import PLACE_HOLDING_APPLICATIONS, PLACE_HOLDING_STATUSES, RsvpStatus
from .models import HostingOffer, PresentationInvitation, PresentationSession, WorkExperienceProgramme


@dataclass(frozen=True)
class Counter:
    model: type
    field: str  # the counter
    limit: str  # the field it may not exceed
    label: str  # what a reader of the drift report calls the counted row
    # The expression that recounts, per row, what the counter should hold.
    actual: Callable

    def _rows(self, pk):
        return self.model.objects.filter(pk=pk)

    def _entry(self, pk, verb, amount, *, by, holder):
        # The log says which row moved, and for which record by its name (issue 9: the log
        # reads as words with names, never "placement 12").
        return action_entry(self.model(pk=pk), action=f"{verb} {self.field}", by=by, reason=f"{amount} for {holder}")

    def _log(self, pk, verb, amount, *, by, holder):
        record_actions([self._entry(pk, verb, amount, by=by, holder=holder)])


def _placements_holding():
    return Count("placements", filter=Q(placements__status__in=PLACE_HOLDING_STATUSES))


def _applications_holding():
    return Count("applications", filter=Q(applications__status__in=PLACE_HOLDING_APPLICATIONS))


def _seats_held():
    # A subquery, so the sum is not multiplied by any other join on the session.
    seats = (
        PresentationInvitation.objects.filter(session=OuterRef("pk"), rsvp_status=RsvpStatus.ATTENDING)
        .values("session")
        .annotate(total=Sum("attendees"))
        .values("total")
    )
    return Coalesce(Subquery(seats, output_field=IntegerField()), Value(0))


OFFER_PLACES = Counter(HostingOffer, "places_taken", "places", "Hosting offer", _placements_holding)
PROGRAMME_PLACES = Counter(
    WorkExperienceProgramme, "places_confirmed", "capacity", "Work-experience programme", _applications_holding
)
PRESENTATION_SEATS = Counter(PresentationSession, "seats_taken", "capacity", "Presentation session", _seats_held)
COUNTERS = (OFFER_PLACES, PROGRAMME_PLACES, PRESENTATION_SEATS)


def take(counter: Counter, pk, amount: int = 1, *, by, holder) -> bool:
    """Add ``amount`` to the counter if it stays within the limit; False when it would
    not (nothing is changed). ``holder`` is the record taking it (the log names it).
    Call inside the service's transaction."""
    if amount <= 0:
        raise ValueError("take a positive amount")
    room = {f"{counter.field}__lte": F(counter.limit) - amount}
    if not counter._rows(pk).filter(**room).update(**{counter.field: F(counter.field) + amount}):
        return False
    counter._log(pk, "take", amount, by=by, holder=holder)
    return True


def take_each(counter: Counter, holders: dict, *, by) -> dict:
    """``take`` for many counted rows at once (issue 9: a cohort's proposals confirmed in one go).
    ``holders`` maps a row's pk to the records wanting one place each, named as for ``take``, in the
    order they get them; each row gives a place to as many as it has room for. Returns pk -> how
    many got one (the first ones of its list).

    The rows are locked in the order of their keys (a caller that locks them too waits its turn and
    never holds one this call needs while waiting for another), then moved by one UPDATE that, as
    ``take``'s, adds only where there is still room; the check constraint stands behind it. Each
    place taken is logged as ``take`` logs it. Call inside the service's transaction."""
    with transaction.atomic(savepoint=False):  # the caller's transaction, or one of its own
        rows = counter.model.objects.select_for_update().filter(pk__in=list(holders)).order_by("pk")
        granted = {
            pk: min(len(holders[pk]), max(limit - taken, 0))
            for pk, taken, limit in rows.values_list("pk", counter.field, counter.limit)
        }
        moving = {pk: amount for pk, amount in granted.items() if amount}
        if moving:
            amount = Case(*(When(pk=pk, then=Value(n)) for pk, n in moving.items()), output_field=IntegerField())
            room = {f"{counter.field}__lte": F(counter.limit) - amount}
            updated = counter.model.objects.filter(pk__in=list(moving), **room).update(
                **{counter.field: F(counter.field) + amount}
            )
            if updated != len(moving):  # only without row locks (SQLite), when another writer got there first
                raise DomainError("The places changed while they were being taken; try again.")
            record_actions(
                counter._entry(pk, "take", 1, by=by, holder=holder)
                for pk, amount in moving.items()
                for holder in holders[pk][:amount]
            )
    return granted


def release(counter: Counter, pk, amount: int = 1, *, by, holder) -> bool:
    """Give back ``amount``; never below zero (a counter that would go negative has
    drifted: nothing is changed, and the nightly check reports it)."""
    if amount <= 0:
        raise ValueError("release a positive amount")
    held = {f"{counter.field}__gte": amount}
    if not counter._rows(pk).filter(**held).update(**{counter.field: F(counter.field) - amount}):
        return False
    counter._log(pk, "release", amount, by=by, holder=holder)
    return True


@dataclass(frozen=True)
class Drift:
    counter: Counter
    pk: int
    name: str
    recorded: int
    counted: int


def counter_drift() -> list[Drift]:
    """Every counter that differs from the count of the rows holding places."""
    found = []
    for counter in COUNTERS:
        rows = counter.model.objects.annotate(counted=counter.actual()).exclude(**{counter.field: F("counted")})
        found += [
            Drift(counter, row.pk, str(row), getattr(row, counter.field), row.counted) for row in rows.order_by("pk")
        ]
    return found
