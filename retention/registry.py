"""The retention schedule's rules (issue 13, "Retention and disposal"; DOMAIN.md §4).

Each app declares the kinds of record it keeps and registers one Rule per kind from its
AppConfig.ready, the way apps register their equality sources and vetting subjects: this
module imports nothing of ours, so ``accounts`` and ``notifications`` may use it and the
arrows of DOMAIN.md §2 still point one way. The periods live in the settings
(``RETENTION``, kentplacements/settings.py), one line per kind; a rule without a line
there is a mistake the first run reports (KeyError), not a silent "keep for ever"."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

DELETE = "delete"
ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Rule:
    """One kind of record. ``due(cutoff)`` is the queryset of rows past their period, the
    period ending at ``cutoff`` (now minus the kind's days); it must stop matching a row
    once the row is disposed of, so a second run finds nothing. ``anonymise(queryset)``
    blanks the personal fields of an anonymising rule's batch; ``file_fields`` name the
    files an anonymising rule removes from storage, keeping the row. A deleting rule needs
    none: Django's collector finds every file of the row and of its cascade. A deleting rule's
    ``delete_first(queryset)`` deletes, in the batch's transaction, the rows that protect the
    batch's rows (a signature protects its agreement, on_delete=PROTECT, so that nothing
    else deletes the evidence by accident)."""

    kind: str
    label: str
    action: str
    due: Callable[[datetime], QuerySet]
    # when the period starts, in words: "the programme's last day"
    counted_from: str
    why: str
    anonymise: Callable[[QuerySet], None] | None = None
    file_fields: tuple[str, ...] = ()
    delete_first: Callable[[QuerySet], None] | None = None

    def __post_init__(self):
        if self.action not in (DELETE, ANONYMISE):
            raise ValueError(f"{self.kind}: the action is delete or anonymise, not {self.action!r}")
        if self.action == DELETE and self.anonymise is not None:
            raise ValueError(f"{self.kind}: a deleting rule does not anonymise")
        if self.action == ANONYMISE and self.delete_first is not None:
            raise ValueError(f"{self.kind}: only a deleting rule deletes rows first")
        if self.action == ANONYMISE and self.anonymise is None and not self.file_fields:
            raise ValueError(f"{self.kind}: an anonymising rule blanks fields or removes files")


_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.kind in _RULES and _RULES[rule.kind] != rule:
        raise ValueError(f"two retention rules for {rule.kind!r}")
    _RULES[rule.kind] = rule
    return rule


def all_rules() -> list[Rule]:
    """In the schedule's order (the settings' RETENTION), then any others by kind."""
    from django.conf import settings

    order = {kind: index for index, kind in enumerate(settings.RETENTION)}
    return sorted(_RULES.values(), key=lambda rule: (order.get(rule.kind, len(order)), rule.kind))


def period_in_words(kind: str) -> str:
    """A kind's period as a person says it ("6 years", "180 days"), for the texts that
    name it (erasure's "kept, and why")."""
    from django.conf import settings

    days = settings.RETENTION[kind]
    if days % 365 == 0:
        years = days // 365
        return "1 year" if years == 1 else f"{years} years"
    return f"{days} days"
