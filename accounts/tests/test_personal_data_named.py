"""The two kinds the personal-data walk first missed (issue 13): a partner's replies to
presentation invitations (its representatives' names and access needs) and the register of
sealed documents (the name printed on a signed agreement), found, exported and erased."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.personal_data import erase_person, erasure_plan, held_about
from placements.enums import RsvpStatus
from placements.tests.factories import PartnerContactFactory
from placements.tests.presentation_factories import PresentationInvitationFactory
from placements.tests.work_experience_factories import ApplicationFactory
from vetting import subjects
from vetting.models import AgreementStatus, AgreementVersion, IssuedDocument, WorkPlacementAgreement

pytestmark = pytest.mark.django_db


def _reply(contact, days_from_today):
    return PresentationInvitationFactory(
        partner=contact.organisation,
        session__date=timezone.localdate() + timedelta(days=days_from_today),
        rsvp_status=RsvpStatus.ATTENDING,
        attendees=2,
        attendee_names="Pat Contact, Jo Colleague",
        access_needs="Jo uses a wheelchair.",
    )


def test_a_contacts_past_replies_are_erased_and_a_coming_one_kept_until_its_session(head_of_resourcing):
    contact = PartnerContactFactory()
    past, coming = _reply(contact, -30), _reply(contact, 30)
    _user, held = held_about(contact.email)
    assert {"Replies to presentation invitations": 2}.items() <= {h.entry.heading: h.count for h in held}.items()
    plan = {outcome.heading: outcome for outcome in erasure_plan(contact.email)}
    replies = plan["Replies to presentation invitations"]
    assert (replies.erased, replies.kept) == (1, 1) and "until the session" in replies.why
    erase_person(contact.email, by=head_of_resourcing)
    past.refresh_from_db()
    coming.refresh_from_db()
    assert (past.attendee_names, past.access_needs, past.attendees) == ("", "", 2)  # the seats still counted
    assert coming.attendee_names == "Pat Contact, Jo Colleague"


def test_the_register_row_of_a_persons_signed_agreement_is_found_and_kept_with_it():
    application = ApplicationFactory(status="completed")
    version = AgreementVersion.objects.create(number=1, text="The agreement.", text_sha256="a" * 64)
    WorkPlacementAgreement.objects.create(
        **subjects.pointer(application),
        version=version,
        status=AgreementStatus.SIGNED,
        participant=application.applicant,
    )
    IssuedDocument.objects.create(
        sha256="c" * 64,
        description="Work Placement Agreement",
        issued_to="Ada Applicant",
        **subjects.pointer(application),
    )
    IssuedDocument.objects.create(  # someone else's
        sha256="d" * 64,
        description="Work Placement Agreement",
        issued_to="Someone Else",
        **subjects.pointer(ApplicationFactory()),
    )
    _user, held = held_about(application.applicant.email)
    assert {h.entry.heading: h.count for h in held}["Sealed documents issued to you"] == 1
    plan = {outcome.heading: outcome for outcome in erasure_plan(application.applicant.email)}
    assert plan["Sealed documents issued to you"].kept == 1
