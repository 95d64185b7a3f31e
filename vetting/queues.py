"""The vetting officer's work queues on the staff home (accounts.queues, issue 9 and 10):
the records whose checks wait for a decision, and those whose clearance lapses before the
placement ends (issue 10: "clearances expiring before the placement are flagged"). Both
open the vetting officer's list, where the two are shown apart."""

from django.urls import reverse

from accounts.queues import Queue, register
from accounts.roles import Role

from .rules import decides_checks
from .selectors import LAPSING, OPEN, waiting_records

register(
    Queue(
        "vetting_to_decide",
        "Vetting to decide",
        frozenset({Role.VETTING_OFFICER}),
        "vetting.decide_checks",
        # what the list's table shows: checks to decide, and clearances to renew (issue 9: the
        # number on the home is the rows behind its link)
        lambda user, today: waiting_records(OPEN | LAPSING),
        lambda: reverse("vetting_records"),
        opens_for=decides_checks,  # the role alone: a superuser is not offered vetting detail
    ),
    Queue(
        "clearances_lapsing",
        "Clearances lapsing before the placement ends",
        frozenset({Role.VETTING_OFFICER}),
        "vetting.decide_checks",
        lambda user, today: waiting_records(LAPSING),
        lambda: reverse("vetting_records") + "#lapsing",
        opens_for=decides_checks,
    ),
)
