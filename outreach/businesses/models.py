"""A local business's interest in supporting recruitment (issue 12), and what the Diversity
Placements Officer records following it up. The offers are one yes/no column each, so the
database itself refuses an interest that offers nothing (seed 004 asks businesses how they
"can support Kent Police recruitment": an interest offering nothing is no interest)."""

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .enums import CONTACTED_ONCE, DECIDED, OPEN, BusinessInterestStatus, BusinessOffer

S = BusinessInterestStatus
# offer -> its column
OFFER_FIELDS = {offer: f"offers_{offer}" for offer in BusinessOffer.values}


def _offer_field(offer):
    return models.BooleanField(BusinessOffer(offer).label, default=False)


def _staff_member(verbose_name):
    """Who did it; kept if their account goes (the action log says it too)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class BusinessInterest(models.Model):
    # register_business_interest, mark_contacted, mark_supporting and not_taken_forward
    SERVICE_OWNED_FIELDS = (
        "status",
        "received_at",
        "contacted_by",
        "contacted_at",
        "decided_by",
        "decided_at",
        "follow_up_note",
        "not_taken_forward_reason",
    )

    business_name = models.CharField("business name", max_length=200)
    contact_name = models.CharField("contact's name", max_length=200)
    job_title = models.CharField("contact's role or job title", max_length=200, blank=True)
    email = models.EmailField("email address")
    phone = models.CharField("phone number", max_length=30, blank=True)
    area = models.CharField("town or area in Kent", max_length=100)
    offers_venue = _offer_field(BusinessOffer.VENUE)
    offers_promotion = _offer_field(BusinessOffer.PROMOTION)
    offers_sponsorship = _offer_field(BusinessOffer.SPONSORSHIP)
    offers_mentoring = _offer_field(BusinessOffer.MENTORING)
    offers_other = _offer_field(BusinessOffer.OTHER)
    offer_details = models.TextField("anything else about what you could offer", blank=True)
    status = models.CharField(max_length=20, choices=S.choices, default=S.NEW, editable=False)
    received_at = models.DateTimeField("received", default=timezone.now, editable=False)
    # who followed up, and when (mark_contacted)
    contacted_by = _staff_member("contacted by")
    contacted_at = models.DateTimeField("contacted", null=True, blank=True, editable=False)
    # who recorded the outcome (supporting, or not taken forward), and when
    decided_by = _staff_member("outcome recorded by")
    decided_at = models.DateTimeField("outcome recorded", null=True, blank=True, editable=False)
    # For the staff who follow up, each note dated and signed; never sent to the business.
    follow_up_note = models.TextField("follow-up notes", blank=True, editable=False)
    not_taken_forward_reason = models.CharField("why not taken forward", max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = "business interest"
        verbose_name_plural = "business interests"
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"], name="outreach_business_by_status")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=S.values), name="outreach_business_status_valid"),
            models.CheckConstraint(
                condition=reduce(operator.or_, (Q(**{field: True}) for field in OFFER_FIELDS.values())),
                name="outreach_business_offers_something",
            ),
            # "Something else" says what
            models.CheckConstraint(
                condition=~Q(offers_other=True, offer_details=""), name="outreach_business_other_is_described"
            ),
            # one open interest per address: a second form (a double click, a colleague) is the same one
            models.UniqueConstraint(
                Lower("email"), condition=Q(status__in=OPEN), name="outreach_one_open_business_interest_per_email"
            ),
            models.CheckConstraint(
                condition=~Q(status=S.NEW, contacted_at__isnull=False)
                & ~Q(status__in=CONTACTED_ONCE, contacted_at__isnull=True),
                name="outreach_business_contacted_at_iff_contacted",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DECIDED, decided_at__isnull=False)
                | (~Q(status__in=DECIDED) & Q(decided_at__isnull=True)),
                name="outreach_business_decided_at_iff_decided",
            ),
            models.CheckConstraint(
                condition=(Q(status=S.NOT_TAKEN_FORWARD) & ~Q(not_taken_forward_reason=""))
                | (~Q(status=S.NOT_TAKEN_FORWARD) & Q(not_taken_forward_reason="")),
                name="outreach_business_reason_iff_not_taken_forward",
            ),
        ]

    def __str__(self):
        return self.business_name

    @property
    def offers(self) -> list[str]:
        """What the business offers, in words, in the form's order."""
        return [BusinessOffer(offer).label for offer, field in OFFER_FIELDS.items() if getattr(self, field)]
