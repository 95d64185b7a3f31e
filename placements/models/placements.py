"""Hosting offers and community placements (seed 000)."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..enums import PartnerResponse, PlacementStatus, PlacementType
from .cohorts import StudentOfficer
from .partners import PartnerOrganisation


class HostingOffer(models.Model):
    """A partner offers N places for one placement type within a date range.

    ``places_taken`` counts the confirmed (and later) placements on the offer; the
    database refuses a value above ``places``, so capacity holds under concurrency."""

    SERVICE_OWNED_FIELDS = ("partner", "places", "places_taken")  # offer_places, change_offer_places

    partner = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, related_name="offers")
    placement_type = models.CharField(max_length=10, choices=PlacementType.choices)
    places = models.PositiveSmallIntegerField()
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    available_from = models.DateField()
    available_until = models.DateField()
    notes = models.TextField(blank=True, help_text="Anything officers should know: times, dress, what to bring.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["available_from", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gt=0), name="offer_places_positive"),
            models.CheckConstraint(condition=Q(places_taken__lte=F("places")), name="offer_capacity_never_exceeded"),
            models.CheckConstraint(condition=Q(available_until__gte=F("available_from")), name="offer_range_order"),
            models.CheckConstraint(
                condition=Q(placement_type__in=PlacementType.values), name="offer_placement_type_valid"
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.places} × {self.get_placement_type_display()}"

    @property
    def places_free(self) -> int:
        return self.places - self.places_taken


# Issue 9 (seed 000 rules): "An officer is told a placement is confirmed only once the
# partner has accepted" (or staff accepted for them). Until then the placement is the
# Diversity Placements Officer's and the partner's business: the officer's page and
# calendar do not show it, and its cancellation is not announced to them. A placement
# that has taken place (completed, presented) is the officer's whatever was recorded.
OFFICER_TOLD = Q(status=PlacementStatus.CONFIRMED, partner_response=PartnerResponse.ACCEPTED) | Q(
    status__in=(PlacementStatus.COMPLETED, PlacementStatus.PRESENTED)
)


class CommunityPlacement(models.Model):
    """One student officer at one offer for one placement type."""

    SERVICE_OWNED_FIELDS = (
        "officer",
        "offer",
        "partner",
        "placement_type",
        "starts_on",
        "ends_on",
        "status",
        "partner_response",
        "partner_response_reason",
        "cancel_reason",
        "confirmed_at",
    )

    officer = models.ForeignKey(StudentOfficer, on_delete=models.PROTECT, related_name="placements")
    offer = models.ForeignKey(HostingOffer, on_delete=models.PROTECT, related_name="placements")
    # Copied from the offer by the service so the database can hold the rules below.
    partner = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=10, choices=PlacementType.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED)
    partner_response = models.CharField(
        max_length=10, choices=PartnerResponse.choices, default=PartnerResponse.AWAITING
    )
    partner_response_reason = models.CharField(max_length=500, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            # at most one placement of each type per officer
            models.UniqueConstraint(
                fields=["officer", "placement_type"],
                condition=~Q(status=PlacementStatus.CANCELLED),
                name="placement_one_per_officer_and_type",
            ),
            # the 2-day and the 4-day placement are at different organisations
            models.UniqueConstraint(
                fields=["officer", "partner"],
                condition=~Q(status=PlacementStatus.CANCELLED),
                name="placement_different_organisations",
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="placement_dates_order"),
            models.CheckConstraint(condition=Q(status__in=PlacementStatus.values), name="placement_status_valid"),
            models.CheckConstraint(
                condition=Q(partner_response__in=PartnerResponse.values), name="placement_partner_response_valid"
            ),
        ]

    def __str__(self):
        return f"{self.officer} at {self.partner} ({self.get_placement_type_display()})"
