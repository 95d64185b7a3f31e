"""Two people from one organisation pressing "Register your interest" at the same moment:
the database's unique constraints let one registration through, and the other is told,
like any repeat, that the organisation has already registered. PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from placements.models import PartnerOrganisation
from placements.services.partners import AlreadyRegistered, register_interest

from .partner_answers import contact_answers, profile_answers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent connections to one database; CI runs the suite on PostgreSQL",
    ),
]


def test_ten_simultaneous_registrations_of_one_charity_make_one_organisation():
    variants = ["Maidstone Mind", "maidstone mind", "The Maidstone Mind Ltd", "MAIDSTONE MIND"]
    start = threading.Barrier(10)
    outcomes = []

    def register(n):
        try:
            start.wait()
            register_interest(
                profile=profile_answers(name=variants[n % len(variants)], communities=[]),
                contact=contact_answers(email=f"person{n}@mind.example"),
            )
            outcomes.append("registered")
        except AlreadyRegistered:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already"] * 9 + ["registered"]
    assert PartnerOrganisation.objects.count() == 1
