"""Two POSTs at the same moment sign once (issue 10: "two POSTs at once sign once"): the
consent link and the participant's agreement are used under a row lock. PostgreSQL only."""

import pytest

from kentplacements.workflow import DomainError
from tests.concurrency import at_once, needs_postgresql
from tests.factories import UserFactory
from vetting.models import AgreementStatus, Signature, SignerRole
from vetting.services.agreements import Evidence, sign_as_guardian, sign_as_participant

from .agreement_helpers import consent_token, pending_application

pytestmark = [pytest.mark.django_db(transaction=True), needs_postgresql]
EVIDENCE = Evidence(ip_address="203.0.113.9", user_agent="Chromium")


def test_two_guardian_posts_at_once_sign_once():
    _, agreement = pending_application(UserFactory())
    token, shown = consent_token(agreement), agreement.version.text_sha256

    outcomes = at_once(
        lambda name: sign_as_guardian(token, name=name, shown_sha256=shown, evidence=EVIDENCE).name,
        ["Pat Parent", "Pat Parent again"],
        refusal=DomainError,
    )

    assert sum(isinstance(outcome, str) for outcome in outcomes) == 1
    assert Signature.objects.filter(agreement=agreement, role=SignerRole.GUARDIAN).count() == 1


def test_two_participant_posts_at_once_sign_once():
    _, agreement = pending_application(UserFactory())
    shown = agreement.version.text_sha256

    outcomes = at_once(
        lambda name: (
            sign_as_participant(
                agreement, user=agreement.participant, name=name, shown_sha256=shown, evidence=EVIDENCE
            ).name
        ),
        ["Alex Applicant", "Alex Applicant again"],
        refusal=DomainError,
    )

    assert sum(isinstance(outcome, str) for outcome in outcomes) == 1
    assert Signature.objects.filter(agreement=agreement, role=SignerRole.PARTICIPANT).count() == 1


def test_signing_while_the_application_is_withdrawn_either_signs_or_voids():
    """The participant signs as they withdraw (issue 10): the agreement ends signed (and is kept)
    or no longer needed with no signature, never a signature on a void agreement."""
    from placements.services.work_experience import withdraw_application

    application, agreement = pending_application(UserFactory(), adult=True)
    shown = agreement.version.text_sha256

    def act(what):
        if what == "sign":
            return sign_as_participant(
                agreement, user=agreement.participant, name="Alex Applicant", shown_sha256=shown, evidence=EVIDENCE
            )
        return withdraw_application(application, by=application.applicant)

    outcomes = at_once(act, ["sign", "withdraw"], refusal=DomainError)

    assert not isinstance(outcomes[1], DomainError)  # withdrawing is always possible
    agreement.refresh_from_db()
    signed = Signature.objects.filter(agreement=agreement).exists()
    # signed: the PDF task runs once the signing commits (eager in tests), so it may be ready already
    assert (agreement.status, signed) in {
        (AgreementStatus.SIGNED, True),
        (AgreementStatus.READY, True),
        (AgreementStatus.VOID, False),
    }
