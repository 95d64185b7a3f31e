"""What vetting holds about a person, for subject access and erasure (accounts.personal_data,
issue 13). Vetting checks are found through the vetted records' own apps (placements,
volunteers register them), as vetting does not know those models (DOMAIN.md §2)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from accounts.personal_data import ERASED_NAME, PersonalData, erased_email, register
from retention.registry import period_in_words

from .models import AgreementStatus, IssuedDocument, VettingCheck, WorkPlacementAgreement

SIGNED = [AgreementStatus.SIGNED, AgreementStatus.READY]
AGREEMENT_KEPT = (
    "A signed Work Placement Agreement, its signatures' evidence and its sealed PDF are kept for their"
    f" retention period, {period_in_words('signed_agreements')} after the application ended (seed 001 §8.3),"
    " then removed by the disposal job."
)
# What ending a vetted record does on vetting's side (vetting.services.closing), in the words of
# the erasure pages (accounts.personal_data.Ending.then).
CLOSED_WITH_IT = (
    "open vetting checks, reference requests and an unsigned agreement are closed, and referees still asked are told"
)
CHECKS_KEPT = (
    "Vetting checks are kept by the vetting unit for their retention period,"
    f" {period_in_words('vetting_checks')} after the application ended (Force Policy P04); only their outcome"
    " is exported, never the vetting officer's notes."
)


def checks_on(model, records):
    """The vetting checks on ``records`` (a queryset of a vetted model): for its app's entry."""
    return VettingCheck.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=records.values("pk")
    )


def check_entry(heading, model, records_of):
    """A vetted app's entry for the checks on its records (``records_of(user)``: the person's)."""
    return PersonalData(
        "vetting.VettingCheck",
        heading,
        fields=("check_type", "status", "requested_at", "decided_at", "expires_on"),
        find=lambda user, email: checks_on(model, records_of(user)) if user else VettingCheck.objects.none(),
        kept=CHECKS_KEPT,
    )


def _issued_documents(user, email):
    """The register's rows for the records the person signed an agreement for (a row names the
    record, as the agreement does, not the account)."""
    if user is None:
        return IssuedDocument.objects.none()
    signed = WorkPlacementAgreement.objects.filter(
        participant=user, content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    return IssuedDocument.objects.filter(Exists(signed))


register(
    PersonalData(
        "vetting.WorkPlacementAgreement",
        "Work Placement Agreements",
        fields=("version", "status", "guardian_needed", "guardian_email", "created_at", "signed_at", "pdf"),
        user="participant",
        files=("pdf",),
        # unsigned: the guardian's address goes (the link it was sent is void with it)
        erase={"guardian_email": "", "guardian_needed": False, "token_hash": None},
        kept=AGREEMENT_KEPT,
        keep=lambda rows: rows.filter(status__in=SIGNED),
    ),
    PersonalData(
        "vetting.Signature",
        "Signatures",
        fields=("role", "name", "email", "signed_at", "ip_address", "user_agent"),
        email="email",
        erase={"name": ERASED_NAME, "email": erased_email, "ip_address": None, "user_agent": ""},
        kept=AGREEMENT_KEPT,
        keep=lambda rows: rows.filter(agreement__status__in=SIGNED),
    ),
    # the register of sealed documents: the name printed on the person's signed agreement
    PersonalData(
        "vetting.IssuedDocument",
        "Sealed documents issued to you",
        fields=("description", "issued_to", "issued_at"),
        find=_issued_documents,
        kept=AGREEMENT_KEPT,
    ),
    # a referee's own details and what they wrote (a reference about the person is the
    # referee's, given in confidence: not exported to the person it is about)
    PersonalData(
        "vetting.Reference",
        "References you gave",
        fields=("about", "referee_name", "referee_email", "relationship", "status", "received_at", "suitability"),
        email="referee_email",
        kept="A reference is part of the vetting record of the person it is about, and is kept with it (Force"
        f" Policy P04), for {period_in_words('references')} after their application ended.",
    ),
)
