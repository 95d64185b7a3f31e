"""Partner organisations and the people who speak for them (seed 000)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from ..enums import CommunityCode, KentDistrict, OrganisationKind, PartnerStatus


class Community(models.Model):
    """A community a partner serves; rows are created by migration, one per CommunityCode."""

    code = models.CharField(max_length=30, choices=CommunityCode.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "communities"

    def __str__(self):
        return self.get_code_display()


class PartnerOrganisation(models.Model):
    """A charity, company, public body or community group hosting student officers."""

    # Written only by the services (STYLE.md "The back office"): the admin shows them read-only.
    SERVICE_OWNED_FIELDS = ("status", "status_reason", "duplicate_key")

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    kica_member = models.BooleanField("KICA member", default=False)
    registration_number = models.CharField(
        "charity or company number", max_length=10, blank=True, help_text="As registered, without spaces."
    )
    communities = models.ManyToManyField(Community, related_name="partners", blank=True)
    other_community = models.CharField("other community served", max_length=200, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10)
    district = models.CharField("district of Kent", max_length=20, choices=KentDistrict.choices, blank=True)
    premises_accessibility = models.TextField("accessibility of the premises", blank=True)
    placement_description = models.TextField("what a placement would involve", blank=True)
    status = models.CharField(max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.INTERESTED)
    status_reason = models.CharField(max_length=500, blank=True, help_text="Why it was declined or withdrawn.")
    # Lower-cased name without punctuation plus the postcode without spaces: how a second
    # registration of the same organisation is recognised.
    duplicate_key = models.CharField(max_length=260, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=["communities"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PartnerStatus.values), name="partner_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="partner_kind_valid"),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="partner_registration_number_unique",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def community_codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.communities.all())


class PartnerContact(models.Model):
    """Someone who speaks for a partner organisation; ``user`` is set once they have
    created their account and linked it (several contacts per organisation)."""

    SERVICE_OWNED_FIELDS = ("user", "invited_at", "joined_at", "calendar_token")  # invite, link account, rotate

    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="partner_contacts"
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    is_primary = models.BooleanField(default=False)
    invited_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    # The key of this contact's calendar feed of the organisation's placements: one per
    # person, so it stops answering when they are unlinked or their account is
    # deactivated, and they can rotate it without breaking their colleagues' feeds.
    calendar_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # The token is a secret: kept out of the history that staff can read.
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    class Meta:
        ordering = ["-is_primary", "full_name"]
        constraints = [
            models.UniqueConstraint("organisation", Lower("email"), name="partner_contact_email_unique"),
            models.UniqueConstraint(
                fields=["organisation", "user"], condition=Q(user__isnull=False), name="partner_contact_user_unique"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})"
