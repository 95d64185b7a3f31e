"""Demo data for the training and the designated powers (issue 11): the West Division pilot's
five weekends, two trainees with part of their register kept (one has attended every
weekend, so the recruiter can complete their training; the other missed one) and a
volunteer who completed the training and was granted a power. The course is set up in the
past so that its registers can be kept: the demo's dates are illustrative (its campaign is
still taking applications)."""

from datetime import timedelta

from django.utils import timezone

from .demo_offer import offered
from .enums import Power
from .models import DesignatedPower
from .services.applications import submit_application
from .services.offers import accept_offer
from .services.powers import grant_power
from .services.training import complete_training, record_attendance, set_up_training

# (name, login, why they volunteer); none of them logs in
TRAINEES = (
    ("Ari Trainee", "volunteer.ari", "I walk the towpath in Tonbridge every day."),
    ("Bo Trainee", "volunteer.bo", "My street had a run of burglaries last year."),
)
VOLUNTEER = ("Cal Volunteer", "volunteer.cal", "I was a special constable in Sevenoaks.")


def _in_training(application, recruiter):
    """Every step of the path through its service: offered after vetting, and the candidate accepts."""
    return accept_offer(offered(application, recruiter), by=application.applicant)


def seed_training_demo(campaign, *, recruiter, person, answers):
    """``person(name, login)``: a demo user without a login; ``answers(why)``: an application's answers."""
    today = timezone.localdate()
    course = set_up_training(campaign, by=recruiter, starts_on=today - timedelta(weeks=11))
    ari, bo, cal = (
        _in_training(submit_application(campaign, person(name, login), answers(why)), recruiter)
        for name, login, why in (*TRAINEES, VOLUNTEER)
    )
    for number, session in enumerate(course.sessions.all(), start=1):
        for trainee in (ari, cal):
            record_attendance(session, trainee, True, by=recruiter)
        if number <= 3:  # Bo missed the third weekend; the last two are not registered for them yet
            record_attendance(session, bo, number != 3, by=recruiter)
    complete_training(cal, by=recruiter)
    power = DesignatedPower.objects.get(power=Power.REQUEST_NAME_AND_ADDRESS)
    grant_power(cal, power, by=recruiter, granted_on=today)
