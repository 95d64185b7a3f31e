"""The signed Work Placement Agreement as a PDF (WeasyPrint; STACK.md "PDFs"): rendered from
a Django template with its own A4 print CSS, fetching nothing from the network or the disk
beyond our stylesheet."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

from . import subjects

PRINT_CSS = "vetting/agreement_print.css"


def _no_fetching(url, *args, **kwargs):
    """The template links nothing; anything it might reference is refused, never fetched."""
    raise ValueError(f"the agreement PDF fetches nothing ({url[:40]})")


def agreement_context(agreement) -> dict:
    subject = subjects.describe(subjects.subject_of(agreement))
    return {
        "agreement": agreement,
        "subject": subject,
        "force_name": settings.AGREEMENT_FORCE_NAME,
        "signatures": list(agreement.signatures.select_related("version")),
    }


def render_document(agreement):
    """The laid-out document (tests read its text); ``write_pdf`` turns it into bytes."""
    html = render_to_string("vetting/agreements/pdf.html", agreement_context(agreement))
    stylesheet = CSS(filename=finders.find(PRINT_CSS), url_fetcher=_no_fetching)
    return HTML(string=html, url_fetcher=_no_fetching).render(stylesheets=[stylesheet])


def render_agreement_pdf(agreement) -> bytes:
    return render_document(agreement).write_pdf()
