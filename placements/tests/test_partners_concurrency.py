"""Two people from one organisation pressing "Register your interest" at the same moment:
the database's unique constraints let one registration through, and the other is told,
like any repeat, that the organisation has already registered. PostgreSQL only."""

import pytest

from placements.models import PartnerOrganisation
from placements.services.partners import AlreadyRegistered, register_interest
from tests.concurrency import at_once, needs_postgresql

from .partner_answers import contact_answers, profile_answers

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]


def test_ten_simultaneous_registrations_of_one_charity_make_one_organisation():
    variants = ["Maidstone Mind", "maidstone mind", "The Maidstone Mind Ltd", "MAIDSTONE MIND"]

    def register(n):
        register_interest(
            profile=profile_answers(name=variants[n % len(variants)], communities=[]),
            contact=contact_answers(email=f"person{n}@mind.example"),
        )
        return "registered"

    outcomes = at_once(register, list(range(10)), refusal=AlreadyRegistered)

    assert outcomes.count("registered") == 1
    assert sum(isinstance(o, AlreadyRegistered) for o in outcomes) == 9
    assert PartnerOrganisation.objects.count() == 1
