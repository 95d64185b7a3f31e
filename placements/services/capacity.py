"""The nightly cross-check of the capacity counters (issue 8 §6): each counter is
compared with the count of the rows that hold places, and any difference is reported
to the people who can put it right — it is never corrected silently."""

import logging

from django.utils import timezone

from notifications.services import notify

from ..capacity import counter_drift
from ..links import absolute_url
from ..selectors.partners import diversity_placements_officers
from ..selectors.placement_days import recruitment_team

log = logging.getLogger(__name__)


def report_counter_drift(today=None) -> int:
    """Run by celery beat nightly. Logs a warning naming each drifted counter by model
    and ID (no names in the log), and emails the Corporate Recruitment Team and the
    Diversity Placements Officer a readable report, once per person per night.
    Returns how many counters drifted."""
    today = today or timezone.localdate()
    drifts = counter_drift()
    if not drifts:
        return 0
    for drift in drifts:
        log.warning(
            "Capacity counter drift: %s %s %s is %s, counted %s.",
            drift.counter.model._meta.label,
            drift.pk,
            drift.counter.field,
            drift.recorded,
            drift.counted,
        )
    context = {
        "date": today.isoformat(),
        "drifts": [
            {
                "kind": drift.counter.label,
                "name": drift.name,
                "counter": drift.counter.model._meta.get_field(drift.counter.field).verbose_name,
                "recorded": drift.recorded,
                "counted": drift.counted,
            }
            for drift in drifts
        ],
        "admin_url": absolute_url("admin:index"),
    }
    people = {user.pk: user for user in [*recruitment_team(), *diversity_placements_officers()]}
    if not people:
        log.warning("Capacity counter drift: nobody holds the recruitment team or DPO role to tell.")
    for user in people.values():
        notify(
            recipient=user.email,
            template="placements/capacity_drift",
            context={**context, "name": user.full_name},
            key=f"capacity-drift-{today.isoformat()}-{user.pk}",
        )
    return len(drifts)
