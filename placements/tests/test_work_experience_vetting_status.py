"""The vetting slot of the staff application page (issue 10): "Only the vetting role sees a
check's detail and notes ... Others see 'cleared / not cleared / in progress'", with a
clearance that lapses before the placement ends flagged. The vetting officer, reading the
same page, is offered the way to the checks; nobody else is."""

import pytest
from django.urls import reverse

from placements.enums import ApplicationStatus
from placements.models import WorkExperienceApplication
from tests.factories import UserFactory
from tests.test_reachability import crawl
from vetting.enums import CheckType
from vetting.services.checks import clear_check, refuse_check, start_check
from vetting.subjects import pointer
from vetting.tests.checks_setup import SENTINEL, application_in_vetting, check_of

from .work_experience_factories import ApplicationFactory

pytestmark = pytest.mark.django_db

FLAG = "A clearance lapses before the placement ends"


def page(application):
    return reverse("we_staff_application", args=[application.pk])


def checks_url(application):
    return reverse("vetting_record", args=[pointer(application)["content_type"].pk, application.pk])


def _decide(application, vetting_officer, check_type, decide=clear_check, **kwargs):
    check = start_check(check_of(application, check_type), by=vetting_officer, notes=f"Started. {SENTINEL}")
    return decide(check, by=vetting_officer, notes=f"Decided. {SENTINEL}", **kwargs)


def vetting_line(client, user, application) -> str:
    client.force_login(user)
    html = client.get(page(application)).content.decode()
    assert SENTINEL not in html
    return html.split("<p>Vetting:", 1)[1].split("</p>", 1)[0]


def test_no_check_yet_says_vetting_has_not_started(client, recruiter):
    assert "not started" in vetting_line(client, recruiter, ApplicationFactory(status=ApplicationStatus.SHORTLISTED))


def test_the_team_and_the_head_of_resourcing_read_in_progress_cleared_or_not_cleared(
    client, recruiter, head_of_resourcing, vetting_officer
):
    application = application_in_vetting(recruiter)
    start_check(check_of(application, CheckType.IDENTITY), by=vetting_officer, notes=SENTINEL)
    for person in (recruiter, head_of_resourcing):
        assert "In progress" in vetting_line(client, person, application)
    refused = application_in_vetting(recruiter)
    _decide(refused, vetting_officer, CheckType.FORCE_VETTING, decide=refuse_check)
    for person in (recruiter, head_of_resourcing):
        line = vetting_line(client, person, refused)
        assert "Not cleared" in line and "Force vetting" not in line and "refused" not in line.lower()


def test_a_clearance_lapsing_before_the_placement_ends_is_flagged_without_its_date(client, recruiter, vetting_officer):
    application = application_in_vetting(recruiter)
    lapses = application.programme.starts_on
    _decide(application, vetting_officer, CheckType.IDENTITY)
    _decide(application, vetting_officer, CheckType.FORCE_VETTING, expires_on=lapses)
    line = vetting_line(client, recruiter, application)
    assert "Not cleared" in line and FLAG in line
    assert f"{lapses:%B}" not in line  # when it lapses is vetting detail


def test_only_the_vetting_officer_is_offered_the_checks(client, recruiter, head_of_resourcing, vetting_officer):
    application = application_in_vetting(recruiter)
    _decide(application, vetting_officer, CheckType.IDENTITY)
    assert "In progress" in vetting_line(client, vetting_officer, application)
    html = client.get(page(application)).content.decode()
    assert f'href="{checks_url(application)}"' in html
    assert SENTINEL in client.get(checks_url(application)).content.decode()  # the detail is where it belongs
    # not the admin either (issue 10): a superuser holds no vetting role
    superuser = UserFactory(is_superuser=True, mfa=True)
    for person in (recruiter, head_of_resourcing, superuser):
        assert "In progress" in vetting_line(client, person, application)
        assert checks_url(application) not in client.get(page(application)).content.decode()


def test_no_page_any_other_persona_reaches_shows_a_vetting_note(
    client, recruiter, head_of_resourcing, vetting_officer, escorting_officer, applicant
):
    """Every page the recruitment team, the Head of Resourcing, the escorting officer and the
    applicant reach by links from their home, with an escorted, confirmed participant whose
    checks carry notes: the word-level status shows, the notes never."""
    application = application_in_vetting(recruiter, applicant=applicant, escorting_officer=escorting_officer)
    _decide(application, vetting_officer, CheckType.IDENTITY)
    _decide(application, vetting_officer, CheckType.FORCE_VETTING)
    WorkExperienceApplication.objects.filter(pk=application.pk).update(status=ApplicationStatus.CONFIRMED)
    for person in (recruiter, head_of_resourcing):
        assert "Cleared" in vetting_line(client, person, application)
    leaks, reached = [], {}
    for person in (recruiter, head_of_resourcing, escorting_officer, applicant):
        client.force_login(person)

        def look(path, response, person=person):
            if SENTINEL.encode() in response.content:
                leaks.append((person.email, path))

        reached[person] = crawl(client, reverse("home"), on_page=look)
        client.logout()
    assert not leaks, leaks
    # each reached the application as their role shows it
    assert "we_staff_application" in reached[recruiter] and "we_staff_application" in reached[head_of_resourcing]
    assert "escort_participant" in reached[escorting_officer]
    assert "we_my_applications" in reached[applicant]
