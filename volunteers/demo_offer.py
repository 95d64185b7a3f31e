"""Demo data for vetting and the offer (issue 11): one candidate in vetting, their checks
requested, on the vetting officer's "Vetting to decide"; another whose checks the vetting
officer cleared, offered a place and not yet answering, on the recruiter's "Volunteer offers
outstanding". Both no-login applicants, walked through the services as in real life."""

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.demo import demo_email
from accounts.models import User
from vetting.services.checks import checks_of, clear_check, start_check

from .demo_medical import DEMO_CERTIFICATE, _fitness_booked
from .services.applications import submit_application
from .services.fitness import record_fitness_result
from .services.medical import accept_medical_certificate, upload_medical_certificate
from .services.vetting import start_vetting


def _in_vetting(application, recruiter):
    """The steps before vetting (seed 002: the fitness test and the medical certificate), then vetting."""
    application = _fitness_booked(application, recruiter)
    record_fitness_result(application, by=recruiter, passed=True, assessor="PC Jo Hart")
    upload = SimpleUploadedFile("certificate.pdf", DEMO_CERTIFICATE)
    certificate = upload_medical_certificate(application, by=application.applicant, upload=upload)
    accept_medical_certificate(certificate, by=recruiter)
    return start_vetting(application, by=recruiter)


def offered(application, recruiter):
    """Through vetting to the offer: the vetting officer starts and clears each check, and the
    last one cleared makes the offer (volunteers/vetted.py)."""
    officer = User.objects.get(email=demo_email("vetting"))
    application = _in_vetting(application, recruiter)
    for check in checks_of(application):
        clear_check(start_check(check, by=officer), by=officer)
    application.refresh_from_db()
    return application


def seed_offer_demo(campaign, *, others, recruiter, answers):
    """``others``: (user, motivation) of two applicants without a login."""
    (waiting, waiting_why), (offered_to, offered_why) = others
    _in_vetting(submit_application(campaign, waiting, answers(waiting_why)), recruiter)
    offered(submit_application(campaign, offered_to, answers(offered_why)), recruiter)
