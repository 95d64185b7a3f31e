"""Designated powers (issue 11; seed 002: the Policing and Crime Bill 2017 lets Chief
Constables "extend certain powers to volunteers"): granted only to active volunteers and
only from their role's list, with who granted it and from when, the volunteer emailed;
withdrawn with a reason, the grant kept on the record. The team's application page lists
them and grants the role's remaining ones; the volunteer sees the powers they hold; the
back office lists and exports them in words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import ActionLog
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.tests.form_markup import error_under_field
from tests.test_exports import export
from volunteers.enums import Power, VolunteerApplicationStatus
from volunteers.models import DesignatedPower, GrantedPower
from volunteers.services.powers import grant_power, withdraw_power

from .factories import ActiveVolunteerFactory, PoweredRoleFactory, TraineeFactory, volunteer_with_a_power

pytestmark = pytest.mark.django_db
S = VolunteerApplicationStatus


def power(code):
    return DesignatedPower.objects.get(power=code)


def today():
    return timezone.localdate()


@pytest.fixture
def volunteer():
    """An active CPV whose role allows traffic control and signs, not the other two."""
    role = PoweredRoleFactory(
        name="Community Policing Volunteer",
        powers=[power(Power.CONTROL_TRAFFIC), power(Power.PLACE_TRAFFIC_SIGNS)],
    )
    return ActiveVolunteerFactory(
        campaign__role=role, applicant__full_name="Val Jones", applicant__email="val@example.org"
    )


# --- the services -------------------------------------------------------------------------------


def test_a_power_of_the_role_is_granted_with_who_and_when_and_the_volunteer_emailed(recruiter, volunteer):
    grant = grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    assert (grant.granted_by, grant.granted_on, grant.withdrawn_on) == (recruiter, today(), None)
    entry = ActionLog.objects.get(action="grant_power", object_id=str(volunteer.pk))
    assert entry.reason == f"Control traffic, from {today():%-d %B %Y}" and entry.actor == recruiter
    email = Notification.objects.get(template="volunteers/volunteer_power_granted")
    assert email.recipient == "val@example.org"
    assert email.subject == "You have been granted a designated power"
    assert "Control traffic" in email.body_text and f"{today():%-d %B %Y}" in email.body_text


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("not in the role's list", "A Community Policing Volunteer may not be granted this power: Enter premises"),
        ("held already", "Val Jones already holds this power: Control traffic."),
        ("tomorrow", "today or a day before"),
        ("before applying", "The volunteer applied on"),
    ],
)
def test_a_power_is_refused_outside_the_rules(recruiter, volunteer, case, problem):
    chosen, day = power(Power.CONTROL_TRAFFIC), today()
    if case == "not in the role's list":
        chosen = power(Power.ENTER_PREMISES)
    elif case == "held already":
        grant_power(volunteer, chosen, by=recruiter, granted_on=day)
    elif case == "tomorrow":
        day += timedelta(days=1)
    else:
        day -= timedelta(days=1)
    with pytest.raises(DomainError, match=problem):
        grant_power(volunteer, chosen, by=recruiter, granted_on=day)
    assert GrantedPower.objects.count() == (1 if case == "held already" else 0)


@pytest.mark.parametrize("status", [S.IN_TRAINING, S.OFFERED, S.WITHDRAWN])
def test_only_an_active_volunteer_is_granted_a_power(recruiter, status):
    offered_at = timezone.now() if status == S.OFFERED else None  # an offer row has its date (a constraint)
    application = TraineeFactory(status=status, offered_at=offered_at, applicant__full_name="Tia Trainee")
    with pytest.raises(DomainError, match="Powers are granted to active volunteers: Tia Trainee's application is"):
        grant_power(application, application.campaign.role.powers.first(), by=recruiter, granted_on=today())


def test_a_power_withdrawn_with_a_reason_stays_on_the_record_and_may_be_granted_again(recruiter, volunteer):
    grant = grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    with pytest.raises(DomainError, match="Say why"):
        withdraw_power(grant, by=recruiter, reason="  ")
    withdraw_power(grant, by=recruiter, reason="The traffic scheme has ended.")
    grant.refresh_from_db()
    assert (grant.withdrawn_on, grant.withdrawn_by, grant.withdrawal_reason) == (
        today(),
        recruiter,
        "The traffic scheme has ended.",
    )
    assert ActionLog.objects.get(action="withdraw_power").reason == "Control traffic: The traffic scheme has ended."
    email = Notification.objects.get(template="volunteers/volunteer_power_withdrawn")
    assert email.recipient == "val@example.org" and "The traffic scheme has ended." in email.body_text
    with pytest.raises(DomainError, match="already withdrawn"):
        withdraw_power(grant, by=recruiter, reason="Again")
    grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    assert GrantedPower.objects.filter(application=volunteer).count() == 2


# --- the team's pages ---------------------------------------------------------------------------


def staff_page(application):
    return reverse("volunteer_staff_application", args=[application.pk])


def grant_url(application):
    return reverse("volunteer_staff_grant_power", args=[application.pk])


def test_the_volunteer_s_page_lists_the_powers_and_offers_the_role_s_others(client, recruiter, volunteer):
    grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    client.force_login(recruiter)
    page = client.get(staff_page(volunteer)).content.decode()
    powers = page.split('id="powers-heading"')[1].split("</section>")[0]
    assert "Control traffic" in powers and f"{today():%-d %B %Y}, by {escape(recruiter.full_name)}" in powers
    offered = powers.split("Grant a designated power")[1]
    assert "Place traffic signs" in offered and "Control traffic" not in offered and "Enter premises" not in offered
    assert grant_url(volunteer) in offered


def test_the_team_grants_a_power_from_the_volunteer_s_page(client, recruiter, volunteer):
    client.force_login(recruiter)
    signs = power(Power.PLACE_TRAFFIC_SIGNS)
    response = client.post(grant_url(volunteer), {"power": signs.pk, "granted_on": f"{today():%Y-%m-%d}"})
    assertRedirects(response, staff_page(volunteer))
    assert GrantedPower.objects.get().power == signs
    traffic = {"power": power(Power.CONTROL_TRAFFIC).pk, "granted_on": f"{today():%Y-%m-%d}"}
    assertRedirects(client.post(grant_url(volunteer), traffic), staff_page(volunteer))
    assertContains(client.get(staff_page(volunteer)), "The volunteer holds every power their role allows.")


def test_a_power_outside_the_role_or_a_date_typed_wrong_is_said_next_to_the_field(client, recruiter, volunteer):
    client.force_login(recruiter)
    response = client.post(grant_url(volunteer), {"power": power(Power.ENTER_PREMISES).pk, "granted_on": "32/13/2027"})
    assertContains(
        response,
        error_under_field("power", "Choose one of the powers listed: the volunteer&#x27;s role allows only these."),
        html=True,
    )
    assertContains(response, error_under_field("granted_on", "Enter a real date, like 25/04/2027."), html=True)
    assertContains(response, 'value="32/13/2027"')
    tomorrow = f"{today() + timedelta(days=1):%Y-%m-%d}"
    response = client.post(grant_url(volunteer), {"power": power(Power.CONTROL_TRAFFIC).pk, "granted_on": tomorrow})
    assertContains(
        response,
        error_under_field("granted_on", "Give the day the power was granted: today or a day before."),
        html=True,
    )
    assert not GrantedPower.objects.exists()


def test_a_trainee_s_page_has_no_powers_and_granting_them_one_is_refused(client, recruiter):
    trainee = TraineeFactory()
    client.force_login(recruiter)
    assertNotContains(client.get(staff_page(trainee)), "Designated powers")
    chosen = trainee.campaign.role.powers.first()
    response = client.post(grant_url(trainee), {"power": chosen.pk, "granted_on": f"{today():%Y-%m-%d}"})
    assertContains(response, "Powers are granted to active volunteers")
    assert not GrantedPower.objects.exists()


def test_the_team_withdraws_a_power_with_a_reason(client, recruiter, volunteer):
    grant = grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    client.force_login(recruiter)
    url = reverse("volunteer_staff_withdraw_power", args=[grant.pk])
    assertContains(client.get(staff_page(volunteer)), url)
    response = client.post(url, {"reason": ""})
    assertContains(response, error_under_field("reason", "Say why the power is withdrawn."), html=True)
    assertRedirects(client.post(url, {"reason": "Moved to Medway."}), staff_page(volunteer))
    page = client.get(staff_page(volunteer)).content.decode()
    assert f"{today():%-d %B %Y}, by {escape(recruiter.full_name)}: Moved to Medway." in page and url not in page
    assert client.get(url).status_code == 404


# --- the volunteer's page and the back office -----------------------------------------------------


def test_the_volunteer_sees_the_powers_they_hold(client, recruiter, volunteer):
    grant_power(volunteer, power(Power.CONTROL_TRAFFIC), by=recruiter, granted_on=today())
    signs = grant_power(volunteer, power(Power.PLACE_TRAFFIC_SIGNS), by=recruiter, granted_on=today())
    withdraw_power(signs, by=recruiter, reason="Scheme ended.")
    client.force_login(volunteer.applicant)
    page = client.get(reverse("volunteer_my_applications")).content.decode()
    assert "Your designated powers" in page and f"Control traffic, from {today():%-d %B %Y}" in page
    assert "Place traffic signs" not in page


def test_the_back_office_exports_powers_and_registers_in_words(client, recruiter):
    volunteer = volunteer_with_a_power(recruiter)
    client.force_login(recruiter)
    _, [row] = export(client, "volunteers/grantedpower", "csv")
    assert row["Volunteer"] == volunteer.applicant.full_name
    assert row["Power"] == str(volunteer.granted_powers.get().power)
    assert (row["Granted on"], row["Granted by"], row["Withdrawn on"]) == (
        f"{today():%d/%m/%Y}",
        recruiter.full_name,
        "",
    )
    _, rows = export(client, "volunteers/trainingattendance", "csv")
    assert len(rows) == 5 and {r["Attended"] for r in rows} == {"Yes"}
    assert rows[0]["Trainee"] == volunteer.applicant.full_name and rows[0]["Campaign"] == str(volunteer.campaign)
