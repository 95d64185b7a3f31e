"""Factories for the placements domain, shared by every placements test."""

from datetime import date, timedelta

import factory

from accounts.roles import Role
from placements.enums import KentDistrict, OrganisationKind, PartnerStatus, PlacementType
from placements.models import (
    Cohort,
    Community,
    CommunityPlacement,
    HostingOffer,
    PartnerContact,
    PartnerOrganisation,
    StudentOfficer,
)
from placements.services.partners import accept_for_partner
from placements.services.placements import confirm_placement, propose_placements
from placements.validators import duplicate_key
from tests.factories import UserFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kent Community Charity {n}")
    kind = OrganisationKind.CHARITY
    postcode = "ME14 1XX"
    district = KentDistrict.MAIDSTONE
    status = PartnerStatus.ACTIVE
    duplicate_key = factory.LazyAttribute(lambda o: duplicate_key(o.name, o.postcode))

    @factory.post_generation
    def communities(self, create, extracted, **kwargs):
        """communities=["dementia", ...] (codes); none by default."""
        if extracted:
            self.communities.set(Community.objects.filter(code__in=extracted))

    @factory.post_generation
    def contact(self, create, extracted, **kwargs):
        """contact=True adds a contact with an active account: someone to confirm a placement, without whom
        the allocator never places an officer there (issue 9)."""
        if create and extracted:
            PartnerContactFactory(organisation=self)


class PartnerContactFactory(factory.django.DjangoModelFactory):
    """A contact who has linked their account (pass user=None for one still invited)."""

    class Meta:
        model = PartnerContact

    organisation = factory.SubFactory(PartnerFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.PARTNER_CONTACT])
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Pat Contact")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "pat.contact@example.org")
    is_primary = True


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Cohort 2027-{n:02}")
    course_start = date(2027, 1, 11)
    two_day_window_start = date(2027, 3, 1)
    two_day_window_end = date(2027, 3, 26)
    four_day_window_start = date(2027, 9, 6)
    four_day_window_end = date(2027, 10, 29)


class StudentOfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentOfficer

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.STUDENT_OFFICER], mfa=True)
    staff_number = factory.Sequence(lambda n: f"KP{20000 + n}")
    full_name = factory.LazyAttribute(lambda o: o.user.full_name if o.user else "Sam Student")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else f"{o.staff_number.lower()}@kent.police.uk")


class HostingOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostingOffer

    partner = factory.SubFactory(PartnerFactory)
    placement_type = PlacementType.TWO_DAY
    places = 4
    available_from = date(2027, 3, 1)
    available_until = date(2027, 3, 26)


class CommunityPlacementFactory(factory.django.DjangoModelFactory):
    """A proposed placement; services move it on."""

    class Meta:
        model = CommunityPlacement

    officer = factory.SubFactory(StudentOfficerFactory)
    offer = factory.SubFactory(HostingOfferFactory)
    partner = factory.SelfAttribute("offer.partner")
    placement_type = factory.SelfAttribute("offer.placement_type")
    starts_on = factory.SelfAttribute("offer.available_from")
    ends_on = factory.LazyAttribute(
        lambda o: o.starts_on + timedelta(days=PlacementType(o.placement_type).length_days - 1)
    )


def accepted_placement(placement, *, by):
    """``placement`` confirmed and accepted for its partner: the officer has been told of it
    (issue 9: not before the partner accepts)."""
    confirm_placement(placement, by=by)
    return accept_for_partner(placement, by=by, reason="Agreed by phone")


def propose_one(officer, offer, starts_on, *, by):
    """One proposal through the allocator's service (propose_placements), as a test sets one up."""
    [placement] = propose_placements([(officer, offer, starts_on)], by=by)
    return placement
