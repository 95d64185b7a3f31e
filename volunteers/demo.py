"""Volunteer recruitment's demo data (seed 002): the Community Policing Volunteer role and
the West Division pilot campaign, open, with applications at different stages.

The role is demo data, not a data migration: roles and campaigns are set up by the
recruitment team in the back office with their own dates and wording, so no database but
the demo's should start with one (the designated powers are law, and come by migration)."""

from datetime import date, time, timedelta

from django.utils import timezone

from accounts.models import User

from .demo_hours import seed_hours_demo
from .demo_medical import seed_fitness_medical_demo
from .demo_offer import seed_offer_demo
from .demo_training import seed_training_demo
from .enums import CampaignStatus
from .models import DesignatedPower, RecruitmentCampaign, VolunteerRole
from .services.applications import reject_application, shortlist_application, submit_application
from .services.interviews import book_interview, publish_slots

CPV = "Community Policing Volunteer"
WEST_DIVISION = "West Division: Maidstone, Sevenoaks, Tonbridge and Tunbridge Wells"
CAMPAIGN_TITLE = "Community Policing Volunteers: West Division pilot"
# Besides the demo volunteer (submitted): one shortlisted, one not taken further (no login).
OTHER_APPLICANTS = (("Dev Volunteer", "volunteer.dev"), ("Kim Volunteer", "volunteer.kim"))
# At the fitness test (to record) and with a medical certificate to check (no login).
TESTED_APPLICANTS = (("Sam Volunteer", "volunteer.sam"), ("Lee Volunteer", "volunteer.lee"))


# In vetting, and offered a place (no login).
VETTED_APPLICANTS = (("Jo Volunteer", "volunteer.jo"), ("Ash Volunteer", "volunteer.ash"))


WHY = ("I coach football in Sevenoaks.", "I retired from the fire service.")
VETTED_WHY = ("I volunteer with Neighbourhood Watch.", "I want to give back to Maidstone.")


def _answers(born, motivation):
    return {
        "date_of_birth": born,
        "lives_or_works_in_area": True,
        "can_give_hours": True,
        "right_to_volunteer": True,
        "motivation": motivation,
        "availability": "Weekday evenings and most Saturdays.",
    }


def _applicant(name, login, domain):
    """Another demo applicant: no password, nobody logs in as them."""
    user, created = User.objects.get_or_create(email=f"{login}@{domain}", defaults={"full_name": name})
    if created:
        user.set_unusable_password()
        user.save()
    return user


def seed_volunteers_demo(*, volunteer_user, recruiter) -> RecruitmentCampaign:
    role, _ = VolunteerRole.objects.get_or_create(
        name=CPV,
        defaults={
            "description": "Community Policing Volunteers wear a uniform and support their local Community "
            "Safety Units, adding visibility and accessibility and improving the flow of information to the "
            "police and back to the community. They work as part of a team to reduce crime and the fear of "
            "crime, support police officers, respond to the needs of communities and support victims.",
            "minimum_age": 18,
            "monthly_hours": 16,
            "needs_fitness_test": True,
            "needs_medical_certificate": True,
        },
    )
    role.powers.set(DesignatedPower.objects.all())
    now = timezone.now()
    today = timezone.localdate()
    campaign, created = RecruitmentCampaign.objects.get_or_create(
        role=role,
        area=WEST_DIVISION,
        title=CAMPAIGN_TITLE,  # the pilot's first intake (demo_hours) has the same role and area
        defaults={
            "description": "Kent Police is looking for volunteers to play a new role in community policing, "
            "as a pilot in the West Division. Interviews for those shortlisted take place after the campaign "
            "closes; training takes place over five weekends in a 10 week period.",
            "opens_at": now - timedelta(days=3),
            "closes_at": now + timedelta(days=45),
            "interviews_start_on": today + timedelta(days=50),
            "interviews_end_on": today + timedelta(days=77),
            "training_starts_on": today + timedelta(days=130),
            "status": CampaignStatus.OPEN,
        },
    )
    if created:
        domain = volunteer_user.email.split("@")[1]
        born = date(today.year - 34, 3, 27)
        own = submit_application(campaign, volunteer_user, _answers(born, "I live in Tonbridge and want to help."))
        (dev, dev_login), (kim, kim_login) = OTHER_APPLICANTS
        dev_user, kim_user = _applicant(dev, dev_login, domain), _applicant(kim, kim_login, domain)
        shortlisted = submit_application(campaign, dev_user, _answers(born, "I run a youth club."))
        shortlist_application(shortlisted, by=recruiter)
        # the first interview day's times, one booked by the shortlisted applicant (issue 11)
        slots = publish_slots(
            campaign,
            by=recruiter,
            day=campaign.interviews_start_on,
            first_start=time(10),
            minutes=45,
            count=4,
            location="Tonbridge Police Station, 1 Pembury Road",
        )
        book_interview(shortlisted, slots[0], by=dev_user)
        not_taken = submit_application(campaign, kim_user, _answers(born, "Something to do."))
        reject_application(not_taken, by=recruiter, reason="We could not offer an interview to every applicant.")
        others = [
            (_applicant(name, login, domain), why) for (name, login), why in zip(TESTED_APPLICANTS, WHY, strict=True)
        ]
        seed_fitness_medical_demo(
            campaign,
            volunteer_application=own,
            others=others,
            recruiter=recruiter,
            answers=lambda why: _answers(born, why),
        )
        vetted = [
            (_applicant(name, login, domain), why)
            for (name, login), why in zip(VETTED_APPLICANTS, VETTED_WHY, strict=True)
        ]
        seed_offer_demo(campaign, others=vetted, recruiter=recruiter, answers=lambda why: _answers(born, why))
        seed_training_demo(
            campaign,
            recruiter=recruiter,
            person=lambda name, login: _applicant(name, login, domain),
            answers=lambda why: _answers(born, why),
        )
    seed_hours_demo(role, area=WEST_DIVISION, recruiter=recruiter)
    return campaign
