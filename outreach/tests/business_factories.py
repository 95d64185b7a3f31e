"""Local businesses' interest as the public form registers it (through the service, so
each has its confirmation email), and as the officer follows it up."""

import itertools

from outreach.businesses.enums import BusinessOffer
from outreach.businesses.services import mark_contacted, mark_supporting, not_taken_forward, register_business_interest
from outreach.tests.programme_factories import staff_member

numbers = itertools.count(1)


def business_details(**overrides) -> dict:
    """What a business types on the form, each with its own address."""
    n = next(numbers)
    return {
        "business_name": f"Maidstone Bakery {n}",
        "contact_name": f"Morgan Baker {n}",
        "job_title": "Owner",
        "email": f"morgan.baker{n}@example.org",
        "phone": "01622 777688",
        "area": "Maidstone",
        "offers": [BusinessOffer.SPONSORSHIP],
        "offer_details": "",
        **overrides,
    }


def business_interest(**overrides):
    return register_business_interest(**business_details(**overrides))


def contacted_business(by=None, **overrides):
    return mark_contacted(business_interest(**overrides), by=by or staff_member(), note="Rang them; keen to help.")


def supporting_business(by=None, **overrides):
    return mark_supporting(contacted_business(by, **overrides), by=by or staff_member())


def business_not_taken_forward(by=None, **overrides):
    return not_taken_forward(business_interest(**overrides), by=by or staff_member(), reason="Outside Kent.")
