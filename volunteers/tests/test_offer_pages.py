"""The pages of vetting and the offer (issue 11): the team's Start vetting button and the
clearance in words (never a check's detail), the vetting officer reading the application
they vet, and the candidate accepting or declining on "Your volunteer applications"."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import UserFactory
from vetting.services.checks import checks_of, start_check
from volunteers.enums import VolunteerApplicationStatus
from volunteers.queues import OFFERS_QUEUE

from .factories import OfferedApplicationFactory, in_vetting, interviewed_application, offered_application

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus
NOTE = "Spoke to the referee's employer"
MY_APPLICATIONS = reverse("volunteer_my_applications")


def staff_page(application):
    return reverse("volunteer_staff_application", args=[application.pk])


# --- the recruitment team ----------------------------------------------------------------


def test_the_team_starts_vetting_from_the_application_page_when_it_is_due(client, recruiter):
    application = interviewed_application(fitness=False, medical=False)
    client.force_login(recruiter)
    assertContains(client.get(staff_page(application)), ">Start vetting</button>")

    response = client.post(reverse("volunteer_staff_start_vetting", args=[application.pk]), follow=True)

    assertRedirects(response, staff_page(application))
    assertContains(response, "Vetting has started")
    assertContains(response, "Vetting: <strong>In progress</strong>", html=True)
    assertNotContains(response, ">Start vetting</button>")
    application.refresh_from_db()
    assert application.status == S.VETTING


def test_start_vetting_is_not_offered_before_its_turn_and_refused_if_pressed(client, recruiter):
    application = interviewed_application(fitness=True, medical=True)  # the fitness test comes first
    client.force_login(recruiter)
    assertNotContains(client.get(staff_page(application)), "Start vetting")
    response = client.post(reverse("volunteer_staff_start_vetting", args=[application.pk]), follow=True)
    assertContains(response, "not ready for vetting")
    application.refresh_from_db()
    assert application.status == S.INTERVIEWED


def test_the_team_reads_the_clearance_in_words_and_nothing_of_the_checks(client, recruiter, vetting_officer):
    application = in_vetting()
    start_check(checks_of(application).first(), by=vetting_officer, notes=NOTE)
    client.force_login(recruiter)
    page = client.get(staff_page(application))
    assertContains(page, "Vetting: <strong>In progress</strong>", html=True)
    for detail in (NOTE, "Identity check", "Non Police Personnel Vetting", "The vetting checks"):
        assertNotContains(page, detail)


def test_the_team_sees_when_the_offer_went_and_whether_it_was_answered(client, recruiter):
    application = offered_application()
    client.force_login(recruiter)
    page = client.get(staff_page(application))
    assertContains(page, "Vetting: <strong>Cleared</strong>", html=True)
    assertContains(page, f"Place offered on {application.offered_at:%-d %B %Y}")
    assertContains(page, "Waiting for the candidate's answer")


def test_the_offers_outstanding_count_opens_the_offered_applications(client, recruiter):
    offered = OfferedApplicationFactory(applicant__full_name="Olu Offered")
    in_vetting(applicant__full_name="Vic Vetting-Still")
    client.force_login(recruiter)
    link = f"{reverse('volunteer_staff_applications')}?queue={OFFERS_QUEUE}"
    home = client.get(reverse("staff_dashboard")).content.decode()
    assert "Volunteer offers outstanding" in home and link.replace("&", "&amp;") in home
    listed = client.get(link).content.decode()
    assert offered.applicant.full_name in listed and "Vic Vetting-Still" not in listed


# --- the vetting officer ------------------------------------------------------------------


def test_the_vetting_officer_reads_the_application_they_vet_and_moves_nothing(client, vetting_officer):
    application = in_vetting(applicant__full_name="Val Jones")
    client.force_login(vetting_officer)
    checks = reverse("vetting_record", args=[checks_of(application).first().content_type_id, application.pk])
    record = client.get(checks)
    assertContains(record, f'href="{staff_page(application)}"')

    page = client.get(staff_page(application))
    assertContains(page, "Val Jones")
    assertContains(page, application.motivation)
    assertContains(page, f'<a href="{checks}">The vetting checks</a>', html=True)
    for action in ("Shortlist", "Start vetting", "Reject", "Volunteer campaigns"):
        assertNotContains(page, action)
    assert client.post(staff_page(application), {"reason": "x"}).status_code == 403
    assert client.post(reverse("volunteer_staff_start_vetting", args=[application.pk])).status_code == 403


# --- the candidate ------------------------------------------------------------------------


@pytest.fixture
def offered(client):
    application = offered_application()
    client.force_login(application.applicant)
    return application


def test_the_candidate_sees_the_offer_with_its_two_answers_and_no_withdraw_button(client, offered):
    page = client.get(MY_APPLICATIONS)
    assertContains(page, f"We are offering you a place as a {offered.campaign.role}")
    assertContains(page, f"Training starts on {offered.campaign.training_starts_on:%A %-d %B %Y}")
    assertContains(page, f'action="{reverse("volunteer_offer_accept", args=[offered.pk])}"')
    assertContains(page, f'href="{reverse("volunteer_offer_decline", args=[offered.pk])}"')
    assertNotContains(page, "Withdraw my application")


def test_the_candidate_in_vetting_is_told_it_is_under_way(client):
    application = in_vetting()
    client.force_login(application.applicant)
    assertContains(client.get(MY_APPLICATIONS), "Your vetting checks are under way")


def test_the_candidate_accepts_with_the_button(client, offered):
    response = client.post(reverse("volunteer_offer_accept", args=[offered.pk]), follow=True)
    assertRedirects(response, MY_APPLICATIONS)
    assertContains(response, "you have accepted your place")
    offered.refresh_from_db()
    assert offered.status == S.IN_TRAINING
    again = client.post(reverse("volunteer_offer_accept", args=[offered.pk]), follow=True)
    assertContains(again, "no offer waiting for your answer")


def test_accepting_is_a_button_not_a_link(client, offered):
    assert client.get(reverse("volunteer_offer_accept", args=[offered.pk])).status_code == 405


def test_the_candidate_declines_after_being_asked_first(client, offered):
    url = reverse("volunteer_offer_decline", args=[offered.pk])
    confirm = client.get(url)
    assertContains(confirm, "Decline the offer of a place?")
    assertContains(confirm, f'href="{MY_APPLICATIONS}"')
    offered.refresh_from_db()
    assert offered.status == S.OFFERED  # asking changes nothing

    response = client.post(url, follow=True)
    assertRedirects(response, MY_APPLICATIONS)
    assertContains(response, "You have declined the offer")
    offered.refresh_from_db()
    assert offered.status == S.WITHDRAWN


def test_the_decline_page_of_an_application_with_no_offer_sends_the_candidate_back(client):
    application = in_vetting()
    client.force_login(application.applicant)
    response = client.get(reverse("volunteer_offer_decline", args=[application.pk]), follow=True)
    assertRedirects(response, MY_APPLICATIONS)
    assertContains(response, "no offer waiting for your answer")


@pytest.mark.parametrize("name", ["volunteer_offer_accept", "volunteer_offer_decline"])
def test_another_persons_offer_is_a_404(client, offered, name):
    client.force_login(UserFactory())
    assert client.post(reverse(name, args=[offered.pk])).status_code == 404
    offered.refresh_from_db()
    assert offered.status == S.OFFERED


def test_the_candidates_applications_cost_the_same_queries_for_one_and_fifty(client, assert_query_count_constant):
    candidate = UserFactory()
    client.force_login(candidate)
    assert_query_count_constant(
        client,
        MY_APPLICATIONS,
        lambda n: OfferedApplicationFactory.create_batch(n, applicant=candidate),
        queries=7,  # the page, the applications, their slots, certificates, weekends, attendance, powers
    )


def test_the_demo_gives_the_vetting_officer_a_volunteer_to_vet_and_the_team_an_offer_outstanding(client, settings):
    from django.core.management import call_command

    from accounts.demo import demo_email
    from accounts.models import User

    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(User.objects.get(email=demo_email("vetting")))
    vetting = client.get(reverse("vetting_records")).content.decode()
    assert "Jo Volunteer" in vetting and "Volunteering: Community Policing Volunteers" in vetting
    assert "Ash Volunteer" not in vetting  # cleared: nothing left to decide
    client.force_login(User.objects.get(email=demo_email("recruiter")))
    listed = client.get(f"{reverse('volunteer_staff_applications')}?queue={OFFERS_QUEUE}").content.decode()
    assert "Ash Volunteer" in listed and "Jo Volunteer" not in listed
