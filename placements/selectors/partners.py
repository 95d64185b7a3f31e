"""Reads about partner organisations, for the staff review pages, the partner portal and
the services' duplicate check."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q

from accounts.roles import Role
from kentplacements.forms import SearchForm

from ..enums import PartnerStatus
from ..models import HostingOffer, PartnerContact, PartnerOrganisation
from ..validators import duplicate_key


def find_registered(*, name, postcode, registration_number, exclude=None) -> PartnerOrganisation | None:
    """The organisation already registered under this name and postcode (however it is
    spelt: see duplicate_key) or under this charity or company number."""
    same = Q(duplicate_key=duplicate_key(name, postcode))
    if registration_number:
        same |= Q(registration_number=registration_number)
    found = PartnerOrganisation.objects.filter(same)
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found.order_by("pk").first()


def diversity_placements_officers():
    """Everyone who reviews partners: the users holding the Diversity Placements Officer role."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.DIVERSITY_PLACEMENTS_OFFICER, is_active=True)
        .order_by("pk")
        .distinct()
    )


def partners_of(user):
    """The organisations ``user`` speaks for (usually one; a person may help two)."""
    return PartnerOrganisation.objects.filter(contacts__user=user).order_by("name").distinct()


def partners_with_contacts():
    """Organisations with their communities and contacts (and the contacts' accounts)."""
    return PartnerOrganisation.objects.prefetch_related(
        "communities", Prefetch("contacts", queryset=PartnerContact.objects.select_related("user"))
    )


def offers_of(partner):
    return HostingOffer.objects.filter(partner=partner).order_by("-available_from", "-pk")


class PartnerFilter(django_filters.FilterSet):
    """The staff list: by status, and a search over names, postcodes, numbers and contacts."""

    status = django_filters.ChoiceFilter(choices=PartnerStatus.choices, empty_label="Any status", label="Status")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = PartnerOrganisation
        fields = ["status"]
        form = SearchForm  # drawn by crispy like every form (issue 8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].help_text = "Name, postcode, charity or company number, or a contact's name or email."
        self.form.button_label = "Show organisations"

    def search(self, queryset, name, value):
        contact_matches = PartnerContact.objects.filter(organisation=OuterRef("pk")).filter(
            Q(full_name__icontains=value) | Q(email__icontains=value)
        )
        return queryset.filter(
            Q(name__icontains=value)
            | Q(postcode__icontains=value)
            | Q(registration_number__icontains=value.replace(" ", ""))
            | Exists(contact_matches)
        )


def staff_partner_list(params):
    """The filtered staff list, newest registrations first."""
    queryset = PartnerOrganisation.objects.prefetch_related("communities").order_by("-created_at", "-pk")
    return PartnerFilter(params, queryset=queryset)
