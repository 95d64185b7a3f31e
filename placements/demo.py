"""Demo data for placements, loaded by `manage.py seed_demo` (accounts). Idempotent."""

from datetime import date

from .enums import CommunityCode, KentDistrict, OrganisationKind, PartnerStatus, PlacementType
from .models import Cohort, Community, HostingOffer, PartnerContact, PartnerOrganisation, StudentOfficer
from .validators import duplicate_key

C = CommunityCode
DEMO_PARTNERS = [
    # name, kind, KICA, number, postcode, district, status, communities
    (
        "Maidstone Mind",
        OrganisationKind.CHARITY,
        True,
        "1101234",
        "ME14 1XX",
        KentDistrict.MAIDSTONE,
        PartnerStatus.ACTIVE,
        [C.MENTAL_ILL_HEALTH],
    ),
    (
        "Sevenoaks Dementia Café",
        OrganisationKind.COMMUNITY_GROUP,
        True,
        "",
        "TN13 1AA",
        KentDistrict.SEVENOAKS,
        PartnerStatus.ACTIVE,
        [C.DEMENTIA, C.OLDER_PEOPLE],
    ),
    (
        "Medway Sight and Hearing",
        OrganisationKind.CHARITY,
        False,
        "1045678",
        "ME4 4TR",
        KentDistrict.MEDWAY,
        PartnerStatus.INTERESTED,
        [C.PHYSICAL_DISABILITY],
    ),
]
DEMO_COHORT = {
    "name": "Cohort 2027-01",
    "course_start": date(2027, 1, 11),
    "two_day_window_start": date(2027, 3, 1),
    "two_day_window_end": date(2027, 3, 26),
    "four_day_window_start": date(2027, 9, 6),
    "four_day_window_end": date(2027, 10, 29),
}


def seed_placements_demo(*, partner_user, officer_user):
    partners = [_partner(*row) for row in DEMO_PARTNERS]
    PartnerContact.objects.get_or_create(
        organisation=partners[0],
        email=partner_user.email,
        defaults={"full_name": partner_user.full_name, "user": partner_user, "is_primary": True},
    )
    cohort, _ = Cohort.objects.get_or_create(name=DEMO_COHORT["name"], defaults=DEMO_COHORT)
    StudentOfficer.objects.get_or_create(
        email=officer_user.email,
        defaults={
            "cohort": cohort,
            "user": officer_user,
            "staff_number": "KP10001",
            "full_name": officer_user.full_name,
        },
    )
    for partner in partners[:2]:
        HostingOffer.objects.get_or_create(
            partner=partner,
            placement_type=PlacementType.TWO_DAY,
            defaults={"places": 4, "available_from": date(2027, 3, 1), "available_until": date(2027, 3, 26)},
        )


def _partner(name, kind, kica, number, postcode, district, status, communities):
    partner, created = PartnerOrganisation.objects.get_or_create(
        duplicate_key=duplicate_key(name, postcode),
        defaults={
            "name": name,
            "kind": kind,
            "kica_member": kica,
            "registration_number": number,
            "postcode": postcode,
            "district": district,
            "status": status,
            "address": f"1 High Street, {district.label}",
            "premises_accessibility": "Step-free access; accessible toilet.",
            "placement_description": "Officers join our day services and talk with the people we support.",
        },
    )
    if created:
        partner.communities.set(Community.objects.filter(code__in=communities))
    return partner
