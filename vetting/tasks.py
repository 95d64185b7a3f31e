"""Thin Celery wrappers for vetting: each loads by ID and calls services (STYLE.md)."""

from celery import shared_task

from .models import AgreementStatus, WorkPlacementAgreement
from .pdf import render_agreement_pdf
from .services import references
from .services.agreements import seal_agreement_pdf, store_agreement_pdf


@shared_task(ignore_result=True, acks_late=True)
def prepare_agreement_pdf(agreement_id: int) -> None:
    """Issue 10: once every signature is in, render the PDF, seal it (vetting/sealing.py, pyHanko
    PAdES, entered in the register of issued documents) and store it (which emails the signers)."""
    agreement = WorkPlacementAgreement.objects.filter(pk=agreement_id, status=AgreementStatus.SIGNED).first()
    if agreement is None:  # delivered again after it was stored: nothing to do
        return
    pdf = render_agreement_pdf(agreement)
    store_agreement_pdf(agreement, seal_agreement_pdf(agreement, pdf))


@shared_task(ignore_result=True)
def send_reference_reminders() -> None:
    references.send_reference_reminders()
