"""Demo data for the training and the designated powers (issue 11): the West Division pilot's
five weekends, two trainees with part of their register kept (one has attended every
weekend, so the recruiter can complete their training; the other missed one) and a
volunteer who completed the training and was granted a power. The course is set up in the
past so that its registers can be kept: the demo's dates are illustrative (its campaign is
still taking applications)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.audit import move_status

from .enums import APPLICATION_PATH, APPLICATION_WORKFLOW, Power, VolunteerApplicationStatus
from .models import DesignatedPower
from .services.applications import shortlist_application, submit_application
from .services.powers import grant_power
from .services.training import complete_training, record_attendance, set_up_training

S = VolunteerApplicationStatus
# (name, login, why they volunteer); none of them logs in
TRAINEES = (
    ("Ash Trainee", "volunteer.ash", "I walk the towpath in Tonbridge every day."),
    ("Bo Trainee", "volunteer.bo", "My street had a run of burglaries last year."),
)
VOLUNTEER = ("Cal Volunteer", "volunteer.cal", "I was a special constable in Sevenoaks.")
# the interview, fitness and medical steps as their services log them; vetting and the offer
# (another branch of issue 11) as plain moves until their services join the demo
LOGGED_AS = {
    S.INTERVIEW_BOOKED: "book_interview",
    S.INTERVIEWED: "pass_interview",
    S.FITNESS_PASSED: "fitness_passed",
    S.MEDICAL_RECEIVED: "medical_received",
    S.VETTING: "start_vetting",
}


@transaction.atomic
def _in_training(application, recruiter):
    """Shortlisted, then along the one transition table to in_training, each move logged."""
    application = shortlist_application(application, by=recruiter)
    for target in APPLICATION_PATH[APPLICATION_PATH.index(S.INTERVIEW_BOOKED) : APPLICATION_PATH.index(S.ACTIVE)]:
        action = LOGGED_AS.get(target, "move")
        move_status(application, target, workflow=APPLICATION_WORKFLOW, by=recruiter, action=action)
    return application


def seed_training_demo(campaign, *, recruiter, person, answers):
    """``person(name, login)``: a demo user without a login; ``answers(why)``: an application's answers."""
    today = timezone.localdate()
    course = set_up_training(campaign, by=recruiter, starts_on=today - timedelta(weeks=11))
    ash, bo, cal = (
        _in_training(submit_application(campaign, person(name, login), answers(why)), recruiter)
        for name, login, why in (*TRAINEES, VOLUNTEER)
    )
    for number, session in enumerate(course.sessions.all(), start=1):
        for trainee in (ash, cal):
            record_attendance(session, trainee, True, by=recruiter)
        if number <= 3:  # Bo missed the third weekend; the last two are not registered for them yet
            record_attendance(session, bo, number != 3, by=recruiter)
    complete_training(cal, by=recruiter)
    power = DesignatedPower.objects.get(power=Power.REQUEST_NAME_AND_ADDRESS)
    grant_power(cal, power, by=recruiter, granted_on=today)
