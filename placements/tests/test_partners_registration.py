"""Seed 000: "Register your interest". The public form, the register_interest service,
its emails, and how a second registration of the same organisation is recognised."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import ActionLog
from accounts.roles import Role
from notifications.models import Notification
from placements.enums import CommunityCode, PartnerStatus
from placements.models import Community, PartnerOrganisation
from placements.services import partners as partner_services
from placements.services.partners import AlreadyRegistered, register_interest
from placements.tests.factories import PartnerContactFactory, PartnerFactory
from placements.tests.partner_answers import community_pks, contact_answers, form_data, profile_answers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def diversity_team():
    return [UserFactory(roles=[Role.DIVERSITY_PLACEMENTS_OFFICER], mfa=True) for _ in range(2)]


# --- the service -----------------------------------------------------------------------


def test_registering_creates_an_interested_organisation_and_its_primary_contact():
    partner = register_interest(profile=profile_answers(), contact=contact_answers())

    partner.refresh_from_db()
    assert partner.status == PartnerStatus.INTERESTED
    assert partner.duplicate_key == "maidstone-mind|ME141XX"
    assert partner.community_codes == {CommunityCode.MENTAL_ILL_HEALTH}
    contact = partner.contacts.get()
    assert (contact.full_name, contact.email, contact.phone) == (
        "Pat Jones",
        "pat@maidstonemind.org.uk",
        "01622 123456",
    )
    assert contact.is_primary and contact.user is None
    entry = ActionLog.objects.get(object_id=str(partner.pk), action="register_interest")
    assert (entry.actor, entry.to_state) == (None, PartnerStatus.INTERESTED)


def test_registering_thanks_the_contact_and_tells_each_diversity_placements_officer(diversity_team, recruiter):
    partner = register_interest(profile=profile_answers(), contact=contact_answers())

    thanks = Notification.objects.get(template="placements/partner_interest_received")
    assert thanks.recipient == "pat@maidstonemind.org.uk"
    assert thanks.subject == "Thank you for registering Maidstone Mind's interest in community placements"
    assert thanks.body_text.startswith("Dear Pat Jones,")
    assert "What happens next" in thanks.body_text
    assert "may ring you on\n   01622 123456" in thanks.body_text
    assert "we will email you a link to create your account" in thanks.body_text
    assert "Communities: Mental ill-health" in thanks.body_text
    assert "01622 777688" in thanks.body_text  # seed 000: Practical Skills Training

    to_team = Notification.objects.filter(template="placements/partner_interest_team")
    assert sorted(n.recipient for n in to_team) == sorted(u.email for u in diversity_team)
    note = to_team.first()
    assert note.subject == "New partner registration to review: Maidstone Mind"
    assert f"http://127.0.0.1:8000/placements/staff/partners/{partner.pk}/" in note.body_text
    assert "Contact: Pat Jones, pat@maidstonemind.org.uk, 01622 123456" in note.body_text
    assert not Notification.objects.filter(recipient=recruiter.email).exists()


def test_another_community_is_listed_with_the_others():
    communities = list(Community.objects.filter(code__in=[CommunityCode.MENTAL_ILL_HEALTH, CommunityCode.OTHER]))
    profile = profile_answers(communities=communities, other_community="Carers of young people")
    partner = register_interest(profile=profile, contact=contact_answers())
    assert partner.other_community == "Carers of young people"
    thanks = Notification.objects.get(template="placements/partner_interest_received")
    assert "Communities: Mental ill-health, Carers of young people" in thanks.body_text


@pytest.mark.parametrize(
    "name, postcode",
    [
        ("Maidstone Mind", "ME14 1XX"),
        ("maidstone mind", "me14 1xx"),
        ("  MAIDSTONE   MIND ", "ME141XX"),
        ("The Maidstone Mind Ltd", "ME14 1XX"),
        ("Maidstone-Mind Limited.", "ME14 1XX"),
        ("Maidstöne Mind", "ME14 1XX"),
    ],
)
def test_the_same_organisation_registering_again_is_refused(name, postcode, diversity_team):
    register_interest(profile=profile_answers(), contact=contact_answers())
    with pytest.raises(AlreadyRegistered) as refused:
        register_interest(
            profile=profile_answers(name=name, postcode=postcode, registration_number=""),
            contact=contact_answers(full_name="Sam New", email="sam@example.org"),
        )
    assert PartnerOrganisation.objects.count() == 1
    assert "already registered its interest" in str(refused.value)
    assert "Pat Jones" not in str(refused.value) and "Interested" not in str(refused.value)


def test_the_same_charity_number_under_another_name_is_refused():
    register_interest(profile=profile_answers(), contact=contact_answers())
    with pytest.raises(AlreadyRegistered):
        register_interest(
            profile=profile_answers(name="Mind in Mid Kent", postcode="TN9 1AA"), contact=contact_answers()
        )
    assert PartnerOrganisation.objects.count() == 1


def test_another_organisation_at_the_same_postcode_may_register():
    register_interest(profile=profile_answers(), contact=contact_answers())
    register_interest(
        profile=profile_answers(name="Maidstone Dementia Café", registration_number=""), contact=contact_answers()
    )
    assert PartnerOrganisation.objects.count() == 2


def test_the_team_hears_of_repeat_registrations_once_a_day(diversity_team, time_machine):
    register_interest(profile=profile_answers(), contact=contact_answers())
    for _ in range(3):
        with pytest.raises(AlreadyRegistered):
            register_interest(profile=profile_answers(), contact=contact_answers(full_name="Sam New"))
    repeats = Notification.objects.filter(template="placements/partner_interest_repeat_team")
    assert repeats.count() == len(diversity_team)
    note = repeats.first()
    assert note.subject == "Maidstone Mind tried to register its interest again"
    assert "Contact: Sam New, pat@maidstonemind.org.uk, 01622 123456" in note.body_text

    time_machine.move_to(timezone.now() + timedelta(days=1))
    with pytest.raises(AlreadyRegistered):
        register_interest(profile=profile_answers(), contact=contact_answers())
    assert repeats.count() == 2 * len(diversity_team)


def test_two_registrations_at_once_are_settled_by_the_database(monkeypatch, diversity_team):
    """The other registration commits between our check and our insert: the unique
    constraint refuses ours, and the visitor hears the same "already registered"."""
    PartnerFactory(name="Maidstone Mind", postcode="ME14 1XX", registration_number="1101234")
    real_find = partner_services.find_registered
    calls = []

    def miss_the_first_time(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real_find(**kwargs)

    monkeypatch.setattr(partner_services, "find_registered", miss_the_first_time)
    with pytest.raises(AlreadyRegistered):
        register_interest(profile=profile_answers(), contact=contact_answers())
    assert len(calls) == 2
    assert PartnerOrganisation.objects.count() == 1
    assert not Notification.objects.filter(template="placements/partner_interest_received").exists()
    assert Notification.objects.filter(template="placements/partner_interest_repeat_team").count() == 2


# --- the public page ---------------------------------------------------------------------


def test_the_form_registers_the_organisation_and_thanks_the_visitor(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partner_register"), form_data())

    assert response.status_code == 302 and response.url == reverse("partner_register_thanks")
    partner = PartnerOrganisation.objects.get()
    assert (partner.name, partner.postcode, partner.kica_member) == ("Maidstone Mind", "ME14 1XX", True)
    page = client.get(response.url).content.decode()
    assert "Thank you for registering your interest" in page
    assert "What happens next" in page
    assert mailoutbox[0].to == ["pat@maidstonemind.org.uk"]


def test_the_form_asks_for_what_a_charity_needs_to_tell_us(client):
    page = client.get(reverse("partner_register")).content.decode()
    for label in ("Name of your organisation", "Charity or company number", "Which communities do you work with?"):
        assert label in page
    assert "<legend" in page and 'autocomplete="organization"' in page and 'autocomplete="postal-code"' in page
    assert 'autocomplete="email"' in page and 'type="tel"' in page


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"postcode": "ME14"}, "postcode", "Enter a UK postcode, like ME14 1XX."),
        ({"registration_number": "12"}, "registration_number", "Enter a charity number (6 or 7 digits"),
        ({"kind": "company", "registration_number": ""}, "registration_number", "Enter your company number"),
        ({"kind": "company", "registration_number": "1101234"}, "registration_number", "A company number has 8"),
        ({"communities": []}, "communities", "Choose at least one community you work with."),
        ({"other": True}, "other_community", "Tell us which other community you work with."),
        ({"other_community": "Carers"}, "communities", "Tick “Other” as well"),
        ({"name": "x" * 201}, "name", "Ensure this value has at most 200 characters (it has 201)."),
        ({"placement_description": "x" * 2001}, "placement_description", "at most 2000 characters"),
        ({"phone": "12345"}, "phone", "Enter a UK phone number, like 01622 777688"),
        ({"phone": ""}, "phone", "Enter a phone number we can call you on."),
        ({"email": "pat at mind"}, "email", "Enter an email address, like name@example.org."),
        ({"district": "paris"}, "district", "Select a valid choice."),
        ({"kind": "alien"}, "kind", "Select a valid choice."),
    ],
)
def test_a_mistake_is_shown_next_to_its_field_and_in_the_summary_and_nothing_typed_is_lost(
    client, overrides, field, message
):
    if overrides.pop("other", False):
        overrides["communities"] = community_pks(CommunityCode.OTHER)
    response = client.post(reverse("partner_register"), form_data(**overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert "There is a problem" in page and f'href="#id_{field}"' in page
    assert f'id="id_{field}"' in page  # the summary's link has somewhere to go
    assert f"id_{field}_error" in page  # and the message stands next to the field
    assert form["full_name"].value() == "Pat Jones" and form["address"].value() == "1 Week Street\nMaidstone"
    assert PartnerOrganisation.objects.count() == 0


def test_a_phone_number_may_be_typed_in_the_usual_ways(client):
    response = client.post(reverse("partner_register"), form_data(phone="+44 (0)1622 777-688"))
    assert response.status_code == 302
    # stored as a UK number is dialled (placements.validators.normalise_phone)
    assert PartnerOrganisation.objects.get().contacts.get().phone == "01622 777688"


def test_html_typed_into_the_form_is_shown_as_text(client, diversity_officer):
    script = "<script>alert('x')</script> Trust"
    client.post(reverse("partner_register"), form_data(name=script, placement_description="<b>bold</b>"))
    partner = PartnerOrganisation.objects.get()
    assert partner.name == script  # kept as typed

    client.force_login(diversity_officer)
    page = client.get(reverse("staff_partner_detail", args=[partner.pk])).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Trust" in page and "<script>alert" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    # and emails are plain text, so they carry it as typed, not as entities
    assert script in Notification.objects.get(template="placements/partner_interest_team").body_text


def test_a_repeat_registration_is_told_so_and_shown_nothing_about_the_first(client, diversity_officer):
    first = PartnerFactory(name="Maidstone Mind", postcode="ME14 1XX", status=PartnerStatus.DECLINED)
    PartnerContactFactory(organisation=first, user=None, full_name="Secret Person", email="secret@example.org")

    response = client.post(reverse("partner_register"), form_data(name="The Maidstone Mind Ltd"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "This organisation has already registered its interest" in page
    assert "we have let the diversity placements officer know" in page.lower()
    for detail in ("Secret Person", "secret@example.org", "Declined", "declined"):
        assert detail not in page
    assert PartnerOrganisation.objects.count() == 1
    assert Notification.objects.get(template="placements/partner_interest_repeat_team").recipient == (
        diversity_officer.email
    )


def test_a_spam_robot_filling_the_hidden_box_is_thanked_and_forgotten(client, mailoutbox):
    response = client.post(reverse("partner_register"), form_data(website="http://spam.example"))
    assert response.url == reverse("partner_register_thanks")
    assert PartnerOrganisation.objects.count() == 0 and mailoutbox == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["name", "kind", "registration_number", "communities", "postcode", "district", "phone"]),
        st.text(max_size=300),
    )
)
def test_whatever_is_typed_the_form_never_fails(client, fields):
    cache.clear()  # the rate limits (issue 13): no example may be stopped before the form
    response = client.post(reverse("partner_register"), form_data(**fields))
    assert response.status_code in (200, 302)
