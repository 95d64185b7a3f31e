"""Vetting's kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION). Each is about a vetted record of another app (a work-experience or a
volunteer application), which vetting knows only through vetting.subjects: the period
runs from the record's end as its own app tells it (``ended_before``), so nothing goes
while the placement or the application could still need it."""

from django.db.models import Exists, OuterRef

from accounts.retention import needed_by
from retention.registry import DELETE, Rule, register

from .models import IssuedDocument, Reference, Signature, VettingCheck, WorkPlacementAgreement
from .subjects import pointing_at_ended

ENDED = "the application ended (a placement: the programme's last day; a volunteer: the campaign's close or later)"


def _delete_signatures_and_register_rows(agreements):
    """A signature protects its agreement (on_delete=PROTECT): it goes first, with its
    evidence (name, email, IP address, user agent). The register of sealed documents forgets
    the record's documents too, as their files are gone: the verify page then finds none."""
    Signature.objects.filter(agreement__in=agreements).delete()
    same_record = agreements.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"))
    IssuedDocument.objects.filter(Exists(same_record)).delete()


register(
    Rule(
        kind="signed_agreements",
        label="Work Placement Agreements: signed PDFs and the signatures' evidence",
        action=DELETE,
        due=lambda cutoff: WorkPlacementAgreement.objects.filter(pointing_at_ended(cutoff)),
        delete_first=_delete_signatures_and_register_rows,
        counted_from=ENDED,
        why="The agreement, its sealed PDF, its signatures and its entry in the register of sealed documents go"
        " together (the verify page then no longer finds the PDF; an agreement never signed goes too); the"
        " application keeps its status, so the programme's figures still count it.",
    )
)

register(
    Rule(
        kind="vetting_checks",
        label="Vetting checks, their outcomes and the vetting officer's notes",
        action=DELETE,
        due=lambda cutoff: VettingCheck.objects.filter(pointing_at_ended(cutoff)),
        counted_from=ENDED,
        why="Deleted with their earlier versions; the application keeps its status (cleared or not cleared).",
    )
)

register(
    Rule(
        kind="references",
        label="References: the referees' details and answers",
        action=DELETE,
        due=lambda cutoff: Reference.objects.filter(pointing_at_ended(cutoff)),
        counted_from=ENDED,
        why="A reference was asked for one application; once that has ended nothing else may use it.",
    )
)

# A Work Placement Agreement keeps its participant's account for as long as it is kept.
needed_by("vetting.WorkPlacementAgreement", "participant")
