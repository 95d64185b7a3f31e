"""Issue 8, section 4: bad input on a form is shown next to its field, with what was typed
kept, and never ends in a server error. Long emails, phone numbers (checked with
phonenumbers), dates that must fall on the programme's days or in the planning window, and
dates of birth that must give a plausible age. The services refuse the same when a form
is bypassed."""

from datetime import date, datetime, timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.forms import SignupDetailsForm
from accounts.models import User
from kentplacements.workflow import DomainError
from notifications.models import Notification
from placements.admin.presentations import PresentationSessionForm
from placements.forms.partners import ContactDetailsForm, OrganisationProfileForm
from placements.forms.placement_days import DraForm
from placements.forms.work_experience import ApplicationForm, InterestForm
from placements.models import (
    Activity,
    DynamicRiskAssessment,
    ExpressionOfInterest,
    HostingOffer,
    PartnerContact,
    PartnerOrganisation,
    WorkExperienceApplication,
)
from placements.personal_data import find_personal_data
from placements.services.partners import offer_places
from placements.services.placement_days import record_activity, record_dra
from placements.services.presentations import invite_partners
from placements.services.work_experience import save_draft, submit_application
from placements.validators import normalise_phone

from .factories import CohortFactory, CommunityPlacementFactory, PartnerContactFactory, PartnerFactory
from .form_markup import summary_link
from .matrix_placement_days import on_placement
from .presentation_factories import PresentationSessionFactory
from .work_experience_factories import ApplicationFactory, ProgrammeFactory, ready_for_activities

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 4)
FIRST_DAY = date(2027, 7, 19)  # ProgrammeFactory's programme runs 19–23 July 2027


def long_email(length):
    """A well-formed address of exactly ``length`` characters (a local part of at most
    64, dotted labels of at most 63): it passes Django's EmailValidator, so only the
    length can stop it."""
    domain_length = length - 64 - 1
    labels, left = [], domain_length - len(".org")
    while left > 0:
        label = min(left, 63)
        labels.append("d" * label)
        left -= label + 1
    domain = ".".join(labels)[: domain_length - len(".org")] + ".org"
    address = f"{'a' * 64}@{domain}"
    assert len(address) == length
    return address


# --- every typed field fits its column -----------------------------------------------------

# The forms people fill in, and the models their answers are saved to.
FORMS_AND_MODELS = [
    (ApplicationForm, WorkExperienceApplication),
    (InterestForm, ExpressionOfInterest),
    (OrganisationProfileForm, PartnerOrganisation),
    (ContactDetailsForm, PartnerContact),
    (SignupDetailsForm, User),
]
# Fields longer on the form than in the column because the form stores a shorter, normal
# form of what was typed: a postcode or a registration number without extra spaces.
NORMALISED = {"postcode", "registration_number"}


@pytest.mark.parametrize("form_class, model", FORMS_AND_MODELS, ids=lambda x: x.__name__)
def test_every_typed_field_is_no_longer_than_its_column(form_class, model):
    """A form field without a limit (or with a larger one) lets an answer through that the
    database refuses with a DataError: a 500 instead of a message (issue 8)."""
    columns = {f.name: f for f in model._meta.get_fields() if getattr(f, "max_length", None)}
    checked = 0
    for name, field in form_class.base_fields.items():
        column = columns.get(name)
        if column is None or not isinstance(field, forms.CharField) or name in NORMALISED:
            continue
        assert field.max_length is not None and field.max_length <= column.max_length, name
        checked += 1
    assert checked, f"{form_class.__name__} shares no typed field with {model.__name__}"


# --- long emails on the application form ---------------------------------------------------


def application_data(**changes):
    return {
        "date_of_birth": "2010-03-01",
        "school": "Maidstone Grammar School",
        "school_email": "",
        "statement": "I want to see how the police work with the community.",
        "reasonable_adjustments": "",
        "emergency_contact_name": "Alex Parent",
        "emergency_contact_phone": "07911 123456",
        "guardian_name": "Alex Parent",
        "guardian_email": "alex@example.org",
        "guardian_phone": "01622 777688",
        **changes,
    }


@pytest.mark.parametrize(
    "field, label",
    [
        ("school_email", "School or college contact email (optional)"),
        ("guardian_email", "Parent or guardian&#x27;s email"),
    ],
)
@pytest.mark.parametrize("length", [255, 256, 300, 320])
@pytest.mark.parametrize("button", [{}, {"send": "1"}], ids=["draft", "send"])
def test_an_email_too_long_for_the_database_is_shown_next_to_its_field(client, applicant, field, label, length, button):
    programme = ProgrammeFactory()
    client.force_login(applicant)
    typed = long_email(length)
    response = client.post(reverse("we_apply", args=[programme.pk]), {**application_data(**{field: typed}), **button})
    assert response.status_code == 200
    message = "An email address can be up to 254 characters long: check this one."
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert summary_link(field, label, message) in page
    assert f'value="{typed}"' in page  # what was typed is kept
    assert not WorkExperienceApplication.objects.exists()


def test_an_email_of_254_characters_is_saved(client, applicant):
    programme = ProgrammeFactory()
    client.force_login(applicant)
    client.post(reverse("we_apply", args=[programme.pk]), application_data(guardian_email=long_email(254)))
    assert WorkExperienceApplication.objects.get().guardian_email == long_email(254)


@pytest.mark.parametrize("url_name", ["we_interest", "partner_register"])
def test_a_long_email_on_the_public_forms_is_a_message_not_an_error(client, url_name):
    response = client.post(reverse(url_name), {"full_name": "Sam Keen", "email": long_email(300)})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An email address can be up to 254 characters long: check this one."
    ]


# --- phone numbers (issue 8, section 6) ----------------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("01622 777688", "01622 777688"),
        ("01622777688", "01622 777688"),
        ("+44 (0)1622 777-688", "01622 777688"),
        ("+447911123456", "07911 123456"),
        ("0800 123 4567", "0800 123 4567"),
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00"),
    ],
)
def test_a_phone_number_is_stored_as_it_is_dialled(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12345",  # too short
        "999",
        "01622 77768",  # a digit missing
        "07700 900123",  # Ofcom's range for drama: no one answers it
        "+44 1622 777688 777688",
        "not a number",
        "0" * 30,
    ],
)
def test_a_number_no_one_can_ring_is_explained_on_every_phone_field(client, applicant, typed):
    programme = ProgrammeFactory()
    client.force_login(applicant)
    response = client.post(
        reverse("we_apply", args=[programme.pk]),
        application_data(emergency_contact_phone=typed, guardian_phone=typed),
    )
    errors = response.context["form"].errors
    for field in ("emergency_contact_phone", "guardian_phone"):
        assert errors[field][0].startswith("Enter a UK phone number, like 01622 777688"), field
    assert not WorkExperienceApplication.objects.exists()
    contact = ContactDetailsForm({"full_name": "Sam Smith", "email": "sam@example.org", "phone": typed})
    assert contact.errors["phone"][0].startswith("Enter a UK phone number")


# --- dates on the placement days -----------------------------------------------------------


@pytest.fixture
def during_the_programme(time_machine):
    time_machine.move_to(timezone.make_aware(datetime(2027, 7, 20, 15, 0)), tick=False)


@pytest.fixture
def escorted(escorting_officer):
    return on_placement(escorting_officer=escorting_officer)


DAY_MESSAGE = "Choose a day of the programme: 19 July to 23 July 2027."


@pytest.mark.parametrize("day", ["2027-07-18", "2027-07-24", "2026-07-20", "9999-12-31"])
def test_an_activity_outside_the_programme_days_is_refused_next_to_the_date(
    client, escorting_officer, escorted, during_the_programme, day
):
    client.force_login(escorting_officer)
    url = reverse("escort_participant", args=[escorted.pk])
    response = client.post(url, {"save": "activity", "activity-date": day, "activity-kind": "licensing"})
    assert response.context["activity_form"].errors["date"] == [DAY_MESSAGE]
    assert summary_link("activity-date", "Date", DAY_MESSAGE) in response.content.decode()
    assert f'value="{day}"' in response.content.decode()
    assert not Activity.objects.exists()


def test_the_service_refuses_an_activity_outside_the_programme(escorting_officer, escorted, during_the_programme):
    ready_for_activities(escorted, escorting_officer)
    with pytest.raises(DomainError, match=DAY_MESSAGE):
        record_activity(escorted, by=escorting_officer, date=FIRST_DAY - timedelta(days=1), kind="licensing")
    record_activity(escorted, by=escorting_officer, date=FIRST_DAY, kind="licensing")
    assert Activity.objects.get().date == FIRST_DAY


def test_a_dra_before_the_programme_is_refused_next_to_its_time(
    client, escorting_officer, escorted, during_the_programme
):
    client.force_login(escorting_officer)
    data = {
        "save": "dra",
        "dra-occurred_at": "2027-07-12T11:30",
        "dra-event": "e",
        "dra-hazards": "h",
        "dra-controls": "c",
    }
    response = client.post(reverse("escort_participant", args=[escorted.pk]), data)
    assert response.context["dra_form"].errors["occurred_at"] == [DAY_MESSAGE]
    assert 'value="2027-07-12T11:30"' in response.content.decode()
    assert not DynamicRiskAssessment.objects.exists()
    form = DraForm(
        {**{k.removeprefix("dra-"): v for k, v in data.items()}, "occurred_at": "2027-07-20T11:30"},
        programme=escorted.programme,
    )
    assert form.is_valid(), form.errors


def test_the_service_refuses_a_dra_outside_the_programme(escorting_officer, escorted, during_the_programme):
    before = timezone.make_aware(datetime(2027, 7, 18, 23, 30))  # the day before, in London
    with pytest.raises(DomainError, match=DAY_MESSAGE):
        record_dra(escorted, by=escorting_officer, occurred_at=before, event="e", hazards="h", controls="c")
    assert not DynamicRiskAssessment.objects.exists()


def test_the_register_of_a_day_outside_the_programme_does_not_exist(client, recruiter, escorted, during_the_programme):
    client.force_login(recruiter)
    url = reverse("attendance_register", args=[escorted.programme.pk, "2027-07-24"])
    assert client.post(url, {f"present_{escorted.pk}": "yes"}).status_code == 404
    assert not escorted.attendance.exists()


# --- dates of birth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "born, age",
    [("2015-07-20", 11), ("2014-07-20", 12), ("1926-07-18", 101), ("1900-01-01", 127), ("2030-01-01", -3)],
)
@pytest.mark.parametrize("button", [{}, {"send": "1"}], ids=["draft", "send"])
def test_a_date_of_birth_must_give_a_plausible_age(client, applicant, born, age, button):
    programme = ProgrammeFactory()
    client.force_login(applicant)
    response = client.post(reverse("we_apply", args=[programme.pk]), {**application_data(date_of_birth=born), **button})
    message = (
        f"Check your date of birth: on the first day of the programme (19 July 2027) you would be {age}. "
        "Enter a date that makes you between 13 and 100."
    )
    assert response.context["form"].errors["date_of_birth"] == [message]
    assert f'value="{born}"' in response.content.decode()
    assert not WorkExperienceApplication.objects.exists()


@pytest.mark.parametrize("born", [date(2014, 7, 19), date(1927, 7, 19)])  # 13 and 100 on the first day
def test_the_ages_13_and_100_are_accepted_on_a_draft(applicant, born):
    application = save_draft(ProgrammeFactory(), applicant, {"date_of_birth": born})
    assert application.date_of_birth == born


def test_the_services_refuse_an_implausible_date_of_birth(applicant):
    programme = ProgrammeFactory()
    with pytest.raises(DomainError, match="Check your date of birth"):
        save_draft(programme, applicant, {"date_of_birth": date(1800, 1, 1)})
    draft = ApplicationFactory(programme=programme, status="draft", date_of_birth=date(1800, 1, 1))
    with pytest.raises(DomainError, match="Check your date of birth"):
        submit_application(draft, by=draft.applicant)


# --- hosting offers and presentation sessions ----------------------------------------------


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY)


@pytest.mark.parametrize(
    "available_from, available_until, field, message",
    [
        (
            "2027-03-01",
            "9999-12-31",
            "available_until",
            "The last day can be at most two years ahead: 4 January 2029 or earlier.",
        ),
        (
            "2029-01-05",
            "2029-01-06",
            "available_from",
            "The first day can be at most two years ahead: 4 January 2029 or earlier.",
        ),
    ],
)
def test_an_offer_beyond_two_years_is_refused_next_to_the_date(
    client, partner_contact, today, available_from, available_until, field, message
):
    partner = PartnerFactory(status="active")
    PartnerContactFactory(organisation=partner, user=partner_contact)
    client.force_login(partner_contact)
    data = {
        "placement_type": "two_day",
        "places": "2",
        "available_from": available_from,
        "available_until": available_until,
    }
    response = client.post(reverse("partner_offers", args=[partner.pk]), data)
    assert response.context["form"].errors[field] == [message]
    assert f'value="{available_until}"' in response.content.decode()
    assert not HostingOffer.objects.exists()
    with pytest.raises(DomainError, match="at most two years ahead"):
        offer_places(
            partner,
            by=partner_contact,
            placement_type="two_day",
            places=2,
            available_from=date.fromisoformat(available_from),
            available_until=date.fromisoformat(available_until),
        )


def test_an_offer_up_to_two_years_ahead_is_taken(partner_contact, today):
    partner = PartnerFactory(status="active")
    offer = offer_places(
        partner, by=None, placement_type="two_day", places=2, available_from=TODAY, available_until=date(2029, 1, 4)
    )
    assert offer.available_until == date(2029, 1, 4)


def session_data(cohort, **changes):
    return {
        "cohort": cohort.pk,
        "placement_type": "two_day",
        "date": "2027-04-14",
        "starts_at": "10:00",
        "venue": "Kent Police College",
        "room": "Lecture theatre 2",
        "capacity": "20",
        "rsvp_cutoff": "2027-04-07 17:00",
        **changes,
    }


@pytest.mark.parametrize(
    "day, message",
    [
        ("2027-01-03", "The session's date must be today or later."),
        ("2029-01-05", "The session's date can be at most two years ahead: 4 January 2029 or earlier."),
        ("9999-12-31", "The session's date can be at most two years ahead: 4 January 2029 or earlier."),
    ],
)
def test_a_new_session_is_planned_from_today_to_two_years_ahead(today, day, message):
    cohort = CohortFactory()
    form = PresentationSessionForm(data=session_data(cohort, date=day))
    assert form.errors["date"] == [message]
    assert PresentationSessionForm(data=session_data(cohort)).is_valid()


def test_a_session_already_held_can_still_be_corrected(today):
    session = PresentationSessionFactory(date=date(2026, 12, 1))
    form = PresentationSessionForm(instance=session, data=session_data(session.cohort, date="2026-12-01", room="Hall"))
    assert form.is_valid(), form.errors


def test_partners_are_not_invited_to_a_session_years_away(diversity_officer, today):
    session = PresentationSessionFactory(date=date(2031, 4, 14))
    with pytest.raises(DomainError, match="at most two years ahead"):
        invite_partners(session, by=diversity_officer)


# --- allauth's forms (accounts.adapters) ---------------------------------------------------


@pytest.mark.parametrize("url_name", ["account_signup", "account_reset_password"])
def test_a_long_email_on_the_account_forms_is_a_message_not_an_error(client, url_name):
    typed = long_email(300)
    data = {"full_name": "Sam Keen", "email": typed, "password1": "x9!Kq2#Lm7$p", "password2": "x9!Kq2#Lm7$p"}
    response = client.post(reverse(url_name), data)
    page = response.content.decode()
    assert '<a href="#id_email">' in page  # in the error summary, linked to the field
    assert "An email address can be up to 254 characters long: check this one." in page
    assert not User.objects.exists() and not Notification.objects.exists()


# --- forms drawn into a row of the allocation review (htmx, issue 9) --------------------------


def test_each_review_rows_move_and_cancel_forms_have_their_own_ids(client, diversity_officer):
    first = CommunityPlacementFactory()
    second = CommunityPlacementFactory(officer__cohort=first.officer.cohort)
    client.force_login(diversity_officer)
    for placement in (first, second):
        name = escape(placement.officer.full_name)
        move_url, cancel_url = (reverse(view, args=[placement.pk]) for view in ("placement_move", "placement_cancel"))
        move = client.get(move_url, headers={"HX-Request": "true"}).content.decode()
        cancel = client.get(cancel_url, headers={"HX-Request": "true"}).content.decode()
        assert f'action="{move_url}"' in move and f'action="{cancel_url}"' in cancel
        assert f'for="id_offer_{placement.pk}"' in move and f'id="id_offer_{placement.pk}"' in move
        assert f'id="id_reason_{placement.pk}"' in cancel
        assert f"Organisation for {name}" in move and f"Reason to cancel {name}&#x27;s placement" in cancel
        assert f'<option value="{placement.offer.pk}" selected>' in move  # where it goes now
        assert f'value="{placement.starts_on:%Y-%m-%d}"' in move


def test_the_diary_reads_phone_numbers_written_with_brackets():
    """placements.personal_data reads numbers with libphonenumber: the old pattern let
    "(01622) 777688" and "+44 (0)7911 123456" through into a diary."""
    text = "ring (01622) 777688 or +44 (0)7911 123456 today, not on 19 July 2027"
    assert find_personal_data(text) == ["(01622) 777688", "+44 (0)7911 123456"]
