"""Public forms and token pages fuzzed with hypothesis (STACK.md; issue 8 §5), and the
two forms a partner's contact fills in (the presentation reply, placement feedback).

Each target starts from a valid submission, which must save its record: that is what
makes "nothing was saved" below able to fail. Then hypothesis changes one field at a
time (or the token in the address) to what people and robots send: any unicode, NUL
bytes, huge strings, numbers, dates, nothing, several values, or no field at all. Each
answer is a page (never a 500); the rate limits are emptied before each example, so
no example may end in a 429 (which would never reach the form or the service); and
either the record is saved and the visitor is not shown a problem, or nothing is saved
and they are told why (the error summary, a "not found" or a problem page).

``FUZZ_EXAMPLES`` (examples per target) is small for ``make test`` and large for
``make fuzz``.
"""

import os
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as dt_time
from urllib.parse import quote

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.roles import Role
from notifications.models import Notification
from outreach.equality.invitations import invitation_token as equality_token
from outreach.equality.models import EqualityResponse
from outreach.models import EventRegistration
from outreach.tests.factories import OutreachEventFactory, emailed_cancel_token, registered
from placements.enums import ApplicationStatus
from placements.invitations import invitation_token
from placements.models import (
    ExpressionOfInterest,
    PartnerContact,
    PartnerOrganisation,
    PlacementFeedback,
    PresentationInvitation,
    WorkExperienceApplication,
)
from placements.tests.factories import PartnerContactFactory, PartnerFactory
from placements.tests.presentation_factories import PresentationInvitationFactory, finished_placement
from placements.tests.work_experience_factories import ApplicationFactory, EligibilityQuestionFactory
from tests.factories import PASSWORD, UserFactory
from vetting.enums import ReferenceStatus
from vetting.models import Reference
from vetting.tests.references import ANSWERS, ask_for_reference, emailed_token
from volunteers.tests.factories import VolunteerApplicationFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
OMIT = object()  # the field is left out of the POST altogether
TOKEN = "<token in the address>"
NEW_PASSWORD = "Another-Horse-Battery-7"

# What people and robots type: any unicode (surrogates cannot be sent as UTF-8), NUL
# bytes, huge strings, numbers, dates and times, emails, markup, nothing at all.
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
VALUES = st.one_of(
    text,
    st.just(OMIT),
    st.sampled_from(["", " ", "\x00", "a\x00b", "<script>alert(1)</script>", "=1+1", "☃" * 400, "x" * 100_000]),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.datetimes().map(str),
    st.emails(),
    st.lists(text, min_size=2, max_size=3),
)
# How a page says what went wrong: the error summary, a form's own message or a flash
# message (all Bootstrap "danger" alerts), or allauth's page for a wrong reset link.
PROBLEM_SHOWN = ("alert-danger", "The password reset link was invalid")


@dataclass
class Target:
    """One form: where it is, a valid submission, and how many records it has saved."""

    url: str
    data: dict
    saved: callable  # (client) -> number of records the form saves, so far
    user: User | None = None
    fields: list = field(default_factory=list)  # the fields hypothesis changes
    token: str | None = None  # the token in ``url``, which hypothesis changes too
    opens_first: bool = False  # allauth's reset link: open it, then post where it leads

    def post(self, changed=None):
        """Post the valid submission, with one field (or the token) changed, from a fresh
        browser; return the response and the number of records it saved."""
        cache.clear()  # the rate limits: no example may be stopped before the form
        client = Client()
        if self.user:
            client.force_login(self.user)
        data, url = dict(self.data), self.url
        if changed is not None:
            name, value = changed
            if name == TOKEN:
                url = url.replace(self.token, quote(value, safe="") or "-")
            elif value is OMIT:
                data.pop(name, None)
            else:
                data[name] = value
        with transaction.atomic():
            before = self.saved(client)
            if self.opens_first:
                url = client.get(url, follow=True).request["PATH_INFO"]
            response = client.post(url, data, follow=True)
            after = self.saved(client)
            transaction.set_rollback(True)  # each example starts from the same database
        return response, after - before


def partner_registration():
    """Seed 000's "Register your interest", as the journey test fills it in."""
    data = {
        "name": "Maidstone Mind", "kind": "charity", "registration_number": "1101234", "kica_member": "on",
        "communities": ["mental_ill_health", "dementia"], "other_community": "",
        "address": "1 Week Street\nMaidstone", "postcode": "ME14 1XX", "district": "maidstone",
        "premises_accessibility": "Step-free", "placement_description": "Officers join our peer-support groups.",
        "full_name": "Pat Jones", "email": "pat@maidstonemind.example", "phone": "01622 123456", "website": "",
    }  # fmt: skip
    return Target(
        reverse("partner_register"),
        data,
        lambda c: PartnerOrganisation.objects.count(),
        fields=sorted(set(data) - {"website"}),
    )


def work_experience_interest():
    data = {"full_name": "Ivy Interested", "email": "ivy@example.org", "website": ""}
    return Target(
        reverse("we_interest"), data, lambda c: ExpressionOfInterest.objects.count(), fields=["full_name", "email"]
    )


def work_experience_application():
    """The signed-in applicant sends a complete application (seed 001)."""
    question = EligibilityQuestionFactory()
    data = {
        "date_of_birth": "2010-03-01", "school": "Maidstone Grammar School", "school_email": "",
        "statement": "I would like to see how the police keep people safe.", "reasonable_adjustments": "",
        "emergency_contact_name": "Pat Student", "emergency_contact_phone": "07911 123456",
        "guardian_name": "Pat Student", "guardian_email": "pat.student@example.org", "guardian_phone": "07911 123456",
        f"question_{question.pk}": "yes", "send": "1",
    }  # fmt: skip
    sent = WorkExperienceApplication.objects.filter(status=ApplicationStatus.APPLIED)
    return Target(
        reverse("we_apply", args=[question.programme.pk]),
        data,
        lambda c: sent.count(),
        user=UserFactory(roles=[Role.APPLICANT]),
        fields=sorted(set(data) - {"send"}),
    )


def sign_up():
    data = {"full_name": "Jo Bloggs", "email": "jo@example.org", "password1": PASSWORD, "password2": PASSWORD}
    return Target(reverse("account_signup"), data, lambda c: User.objects.count(), fields=list(data))


def log_in():
    """Saved here means signed in."""
    user = UserFactory(email="lee@example.org")
    data = {"login": user.email, "password": PASSWORD}
    signed_in = lambda client: int("_auth_user_id" in client.session)  # noqa: E731
    return Target(reverse("account_login"), data, signed_in, fields=list(data))


def password_reset():
    """Saved: the reset email queued in the outbox (an unknown address is told too)."""
    user = UserFactory(email="lee@example.org")
    queued = lambda c: Notification.objects.count()  # noqa: E731
    return Target(reverse("account_reset_password"), {"email": user.email}, queued, fields=["email"])


def password_reset_from_key():
    user = UserFactory(email="lee@example.org")
    token = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    changed = lambda c: int(User.objects.get(pk=user.pk).check_password(NEW_PASSWORD))  # noqa: E731
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "X", "key": "Y"}).replace("X-Y", token)
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return Target(url, data, changed, fields=[*data, TOKEN], token=token, opens_first=True)


def email_confirmation():
    user = UserFactory(email="jo@example.org", verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    key = EmailConfirmationHMAC(address).key
    verified = lambda c: EmailAddress.objects.filter(verified=True).count()  # noqa: E731
    return Target(reverse("account_confirm_email", args=[key]), {}, verified, fields=[TOKEN], token=key)


def partner_invitation():
    """The invited contact, signed in, links their account from the emailed link."""
    user = UserFactory(email="pat@maidstonemind.example")
    contact = PartnerContactFactory(organisation=PartnerFactory(), user=None, email=user.email, is_primary=False)
    token = invitation_token(contact)
    linked = lambda c: PartnerContact.objects.filter(user__isnull=False).count()  # noqa: E731
    return Target(reverse("partner_join", args=[token]), {}, linked, user=user, fields=[TOKEN], token=token)


def unsubscribe():
    interest = ExpressionOfInterest.objects.create(full_name="Ivy Interested", email="ivy@example.org")
    token = str(interest.unsubscribe_token)
    gone = lambda c: ExpressionOfInterest.objects.filter(unsubscribed_at__isnull=False).count()  # noqa: E731
    return Target(reverse("we_unsubscribe", args=[token]), {}, gone, fields=[TOKEN], token=token)


def reference_form():
    """A referee answers from the emailed link, without an account (issue 10)."""
    reference = ask_for_reference(UserFactory(roles=[Role.RECRUITMENT_TEAM]))
    token = emailed_token(reference)
    received = lambda c: Reference.objects.filter(status=ReferenceStatus.RECEIVED).count()  # noqa: E731
    url = reverse("reference_form", args=[token])
    return Target(url, dict(ANSWERS), received, fields=[*ANSWERS, TOKEN], token=token)


def confirm_attendance():
    """The link in the joining instructions; the application's number is in the address."""
    application = ApplicationFactory(
        status=ApplicationStatus.AGREEMENT_PENDING, joining_instructions_sent_at=timezone.now()
    )
    confirmed = lambda c: WorkExperienceApplication.objects.filter(attendance_confirmed_at__isnull=False).count()  # noqa: E731
    token = str(application.pk)
    url = reverse("confirm_attendance", args=[token])
    return Target(url, {}, confirmed, user=application.applicant, fields=[TOKEN], token=token)


def presentation_reply():
    """A partner's contact replies to the invitation to the officers' presentations
    (signed in: the nearest thing to a public form a partner fills in)."""
    contact = PartnerContactFactory(user=UserFactory(roles=[Role.PARTNER_CONTACT]))
    invitation = PresentationInvitationFactory(
        partner=contact.organisation,
        session__date=timezone.localdate() + timedelta(days=30),
        session__starts_at=dt_time(10),
        session__rsvp_cutoff=timezone.now() + timedelta(days=20),
    )
    data = {"attending": "yes", "attendees": "2", "attendee_names": "Pat Rose\nSam Carer", "access_needs": ""}
    replied = lambda c: PresentationInvitation.objects.filter(replied_at__isnull=False).count()  # noqa: E731
    url = reverse("presentation_rsvp", args=[invitation.pk])
    return Target(url, data, replied, user=contact.user, fields=list(data))


def placement_feedback():
    """A partner's contact rates a finished placement."""
    contact = PartnerContactFactory(user=UserFactory(roles=[Role.PARTNER_CONTACT]))
    placement = finished_placement(offer__partner=contact.organisation)
    data = {"rating": "4", "comment": "Patient with our residents."}
    rated = lambda c: PlacementFeedback.objects.count()  # noqa: E731
    url = reverse("placement_feedback", args=[placement.pk])
    return Target(url, data, rated, user=contact.user, fields=list(data))


def outreach_registration():
    """Registering for a positive-action workshop, without an account (issue 12)."""
    event = OutreachEventFactory()
    data = {
        "full_name": "Amara Okafor", "email": "amara@example.org", "phone": "07911 123456",
        "role_considered": "police_officer", "access_needs": "A hearing loop, please.", "website": "",
    }  # fmt: skip
    made = lambda c: EventRegistration.objects.count()  # noqa: E731
    url = reverse("outreach_register", args=[event.pk])
    return Target(url, data, made, fields=sorted(set(data) - {"website"}))


def outreach_cancel():
    """The link in the registrant's email; the button cancels (issue 12)."""
    registration = registered()
    token = emailed_cancel_token(registration)
    cancelled = lambda c: EventRegistration.objects.filter(status="cancelled").count()  # noqa: E731
    return Target(reverse("outreach_cancel", args=[token]), {}, cancelled, fields=[TOKEN], token=token)


def equality_questions():
    """The optional equality questions after a volunteer application (issue 12), from the
    address the applicant is sent to: its token is the only key."""
    application = VolunteerApplicationFactory()
    token = equality_token(application)
    data = {"age_band": "25_34", "sex": "female", "ethnic_group": "prefer_not_to_say"}
    kept = lambda c: EqualityResponse.objects.count()  # noqa: E731
    url = reverse("equality_questions", args=[token])
    return Target(url, data, kept, user=application.applicant, fields=[*data, TOKEN], token=token)


TARGETS = [
    partner_registration,
    work_experience_interest,
    work_experience_application,
    sign_up,
    log_in,
    password_reset,
    password_reset_from_key,
    email_confirmation,
    partner_invitation,
    unsubscribe,
    reference_form,
    confirm_attendance,
    presentation_reply,
    placement_feedback,
    outreach_registration,
    outreach_cancel,
    equality_questions,
]


def check(response, saved, what):
    page = response.content.decode(errors="replace")
    assert response.status_code < 500, f"{what}: server error {response.status_code}"
    assert response.status_code != 429, f"{what}: stopped by a rate limit, so the form was never tried"
    if saved:
        assert response.status_code == 200 and "alert-danger" not in page, f"{what}: saved, yet a problem shown"
    else:
        assert response.status_code in (400, 404) or any(text in page for text in PROBLEM_SHOWN), (
            f"{what}: nothing saved, and nothing said ({response.status_code})"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("make_target", TARGETS, ids=lambda make: make.__name__)
def test_fuzzed_from_a_valid_submission(make_target, record_property):
    target = make_target()
    response, saved = target.post()
    assert saved == 1, "the valid submission must save its record, or 'nothing saved' proves nothing"
    check(response, saved, "the valid submission")
    examples = []

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(target.fields), value=VALUES)
    def one_field_changed(name, value):
        if name == TOKEN and value is OMIT:
            value = ""
        if name == TOKEN and isinstance(value, list):
            value = "/".join(value)
        response, saved = target.post((name, value))
        examples.append(saved)
        shown = value if value is OMIT or len(str(value)) < 80 else f"{str(value)[:80]}…"
        check(response, saved, f"{name}={shown!r}")

    started = time.monotonic()
    one_field_changed()
    # figures for the note: examples run, and how many of them were still valid
    record_property("examples", len(examples))
    record_property("saved", sum(examples))
    record_property("seconds", round(time.monotonic() - started, 1))
    print(
        f"\n{make_target.__name__}: {len(examples)} examples, {sum(examples)} saved, {time.monotonic() - started:.1f}s"
    )
    assert len(examples) >= min(EXAMPLES, 10)


# --- the verify page (issue 10): an upload, not a record saved, so not a Target ----------
# Any bytes at all, and a sealed agreement with bytes flipped, cut short or added: each
# answer is the page with a result or with the problem next to the field, never a 500, and
# only the very file issued is matched to the register (its name and date shown).
def flipped(sealed):
    return st.tuples(st.integers(0, len(sealed) - 1), st.integers(1, 255)).map(
        lambda change: sealed[: change[0]] + bytes([sealed[change[0]] ^ change[1]]) + sealed[change[0] + 1 :]
    )


def uploads(sealed):
    return st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=2048).map(lambda tail: b"%PDF-1.7\n" + tail),
        flipped(sealed),
        st.integers(0, len(sealed)).map(lambda cut: sealed[:cut]),
        st.binary(min_size=1, max_size=200).map(lambda extra: sealed + extra),
    )


@pytest.mark.django_db
def test_verify_page_fuzzed(unsealed_pdf):
    from vetting.sealing import issue

    sealed, _ = issue(
        unsealed_pdf, description="Work Placement Agreement", issued_to="Fuzz", record=ApplicationFactory()
    )
    url = reverse("agreement_verify")
    examples = []

    @settings(max_examples=EXAMPLES * 5, deadline=None, suppress_health_check=list(HealthCheck))
    @given(content=uploads(sealed), name=st.one_of(st.just("agreement.pdf"), text.filter(bool)))
    def one_upload(content, name):
        cache.clear()
        # a browser sends the file's own name, never a bare path (Django refuses to name a file
        # "/", "." or "..": SimpleUploadedFile itself raises before any request is made)
        filename = os.path.basename(name.replace("\x00", ""))
        filename = filename if filename not in ("", ".", "..") else "x"
        upload = SimpleUploadedFile(filename, content, content_type="application/pdf")
        response = Client().post(url, {"document": upload})
        page = response.content.decode(errors="replace")
        assert response.status_code == 200, f"{len(content)} bytes: {response.status_code}"
        assert "Result" in page or "alert-danger" in page, "neither a result nor a problem shown"
        assert content == sealed or "issued here to" not in page, "an altered copy was matched to the register"
        examples.append(content)

    one_upload()
    assert len(examples) >= min(EXAMPLES, 10)
