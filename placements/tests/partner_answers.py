"""What a charity types into the partner forms, for the partner tests: as the services
take it, and as the browser posts it."""

from placements.enums import CommunityCode
from placements.models import Community


def profile_answers(**overrides) -> dict:
    """OrganisationProfileForm's cleaned data for Maidstone Mind."""
    return {
        "name": "Maidstone Mind",
        "kind": "charity",
        "registration_number": "1101234",
        "kica_member": True,
        "communities": list(Community.objects.filter(code=CommunityCode.MENTAL_ILL_HEALTH)),
        "other_community": "",
        "address": "1 Week Street\nMaidstone",
        "postcode": "ME14 1XX",
        "district": "maidstone",
        "premises_accessibility": "Step-free entrance and a hearing loop.",
        "placement_description": "Officers join our peer-support groups and our drop-in café.",
        **overrides,
    }


def contact_answers(**overrides) -> dict:
    return {"full_name": "Pat Jones", "email": "pat@maidstonemind.org.uk", "phone": "01622 123456", **overrides}


def form_data(**overrides) -> dict:
    """The "Register your interest" form as a browser posts it."""
    profile = profile_answers()
    data = {
        **{name: value for name, value in profile.items() if name not in ("communities", "kica_member")},
        "kica_member": "on",
        "communities": [c.code for c in profile["communities"]],
        "postcode": "me14 1xx",
        **contact_answers(),
        "website": "",
    }
    return {**data, **overrides}


def community_pks(*codes) -> list[str]:
    """What the form posts for these communities: their codes."""
    return list(Community.objects.filter(code__in=codes).values_list("code", flat=True))
