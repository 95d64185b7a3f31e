from datetime import timedelta

import factory
from django.utils import timezone

from volunteers.models import RecruitmentCampaign, VolunteerRole


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerRole

    name = factory.Sequence(lambda n: f"Community Policing Volunteer {n}")
    monthly_hours = 16


class CampaignFactory(factory.django.DjangoModelFactory):
    """Seed 002: the pilot recruits Community Policing Volunteers in West Division."""

    class Meta:
        model = RecruitmentCampaign

    role = factory.SubFactory(VolunteerRoleFactory)
    area = "West Division: Maidstone, Sevenoaks, Tonbridge, Tunbridge Wells"
    opens_at = factory.LazyFunction(timezone.now)
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + timedelta(days=30))
