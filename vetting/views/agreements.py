"""The Work Placement Agreement's pages: the participant reads and signs it in their account
(protocol 3.4.1), the parent or guardian through the emailed single-use link with no account
(3.5.3), and the signed PDF's downloads. GET never signs (STACK.md: mail scanners open links);
only the form's POST does."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.ratelimits import limit_token_page
from kentplacements.workflow import DomainError

from .. import subjects
from ..forms.agreements import SignAgreementForm
from ..links import LinkExpired, LinkNotFound, LinkUsed, token_hash
from ..models import AgreementStatus, SignerRole, WorkPlacementAgreement
from ..services.agreements import (
    NO_LONGER_NEEDED,
    AgreementVoid,
    Evidence,
    agreement_for_link,
    guardian_download,
    record_download,
    sign_as_guardian,
    sign_as_participant,
)

PARTICIPANT_DECLARATION = "I have read this agreement. I understand it and I agree to follow it during my placement."
GUARDIAN_DECLARATION = (
    "I am the participant's parent or guardian. I have read this agreement and I consent to them taking part "
    "in the placement on these terms."
)


def _evidence(request) -> Evidence:
    return Evidence(
        ip_address=get_adapter(request).get_client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
    )


def _page_context(agreement) -> dict:
    return {"agreement": agreement, "subject": subjects.describe(subjects.subject_of(agreement))}


def _form(request, agreement, *, declaration, button_label):
    return SignAgreementForm(
        request.POST if request.method == "POST" else None,
        initial={"shown_sha256": agreement.version.text_sha256},
        declaration=declaration,
        button_label=button_label,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_sign(request, agreement_id):
    """The participant's agreement: read and sign it, then see it being prepared, then
    download it. Another person's agreement does not exist for them (404)."""
    agreement = get_object_or_404(
        WorkPlacementAgreement.objects.select_related("version").filter(participant=request.user), pk=agreement_id
    )
    signed = agreement.signatures.filter(role=SignerRole.PARTICIPANT).first()
    form = None
    if agreement.status == AgreementStatus.VOID:
        # issue 10: the application ended; the page says so and a POST signs nothing
        context = {**_page_context(agreement), "signature": signed, "no_longer_needed": NO_LONGER_NEEDED}
        return render(request, "vetting/agreements/sign.html", context, status=409 if request.method == "POST" else 200)
    if signed is None:
        form = _form(request, agreement, declaration=PARTICIPANT_DECLARATION, button_label="Sign the agreement")
        if form.is_valid():
            try:
                sign_as_participant(agreement, user=request.user, evidence=_evidence(request), **_answers(form))
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Thank you: you have signed the Work Placement Agreement.")
                return redirect("agreement_sign", agreement.pk)
    context = {**_page_context(agreement), "form": form, "signature": signed}
    return render(request, "vetting/agreements/sign.html", context)


def _answers(form) -> dict:
    return {"name": form.cleaned_data["full_name"], "shown_sha256": form.cleaned_data["shown_sha256"]}


@never_cache
@limit_token_page
@require_http_methods(["GET", "POST"])
def guardian_consent(request, token):
    """The parent or guardian's page, opened from the emailed link. A wrong, used or expired
    link gets a page that says so and signs nothing; once signed, the same link shows the
    agreement being prepared and, when ready, its download, while the link is valid."""
    try:
        agreement = agreement_for_link(token)
    except AgreementVoid as exc:
        return _no_longer_needed(request, exc)
    except LinkUsed as exc:
        return _signed_or_problem(request, token, exc)
    except (LinkNotFound, LinkExpired) as exc:
        return _link_problem(request, exc)
    form = _form(request, agreement, declaration=GUARDIAN_DECLARATION, button_label="Sign the declaration of consent")
    if form.is_valid():
        try:
            sign_as_guardian(token, evidence=_evidence(request), **_answers(form))
        except LinkUsed as exc:  # a second POST waited for the first
            return _signed_or_problem(request, token, exc)
        except AgreementVoid as exc:  # the application ended while the page was open
            return _no_longer_needed(request, exc)
        except (LinkNotFound, LinkExpired) as exc:
            return _link_problem(request, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Thank you: you have signed the declaration of consent.")
            return redirect("guardian_consent", token)
    return render(request, "vetting/agreements/guardian.html", {**_page_context(agreement), "form": form})


def _signed_or_problem(request, token, exc):
    agreement = (
        WorkPlacementAgreement.objects.filter(token_hash=token_hash(token), signatures__role=SignerRole.GUARDIAN)
        .select_related("version")
        .first()
    )
    if agreement is None or agreement.link_expires_at <= timezone.now():  # valid for 7 days, signed or not
        return _link_problem(request, exc)
    context = {**_page_context(agreement), "token": token, "ready": agreement.status == AgreementStatus.READY}
    return render(request, "vetting/agreements/guardian_signed.html", context)


def _no_longer_needed(request, exc):
    # 410: the link was real but what it opened is gone; nothing of the participant is shown
    return render(request, "vetting/agreements/no_longer_needed.html", {"problem": str(exc)}, status=410)


def _link_problem(request, exc):
    return render(request, "vetting/agreements/link_problem.html", {"problem": str(exc)}, status=404)


def _pdf_response(agreement):
    response = FileResponse(
        agreement.pdf.open("rb"), as_attachment=True, filename=f"work-placement-agreement-{agreement.pk}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def agreement_download(request, agreement_id):
    """The signed PDF, to its participant and the recruitment team; files are never served
    from MEDIA_URL, which would skip this check."""
    agreement = get_object_or_404(WorkPlacementAgreement.objects.exclude(pdf=""), pk=agreement_id)
    if agreement.participant_id == request.user.pk:
        role = "participant"
    elif request.user.has_perm("vetting.download_agreement"):
        role = "recruitment team"
    else:
        raise Http404
    record_download(agreement, by=request.user, role=role)
    return _pdf_response(agreement)


@never_cache
@limit_token_page
@require_GET
def guardian_agreement_download(request, token):
    try:
        agreement = guardian_download(token)
    except LinkNotFound as exc:
        return _link_problem(request, exc)
    record_download(agreement, role="parent or guardian")
    return _pdf_response(agreement)


urlpatterns = [
    path("agreements/<int:agreement_id>/", agreement_sign, name="agreement_sign"),
    path("agreements/<int:agreement_id>/pdf/", agreement_download, name="agreement_download"),
    path("agreements/consent/<str:token>/", guardian_consent, name="guardian_consent"),
    path("agreements/consent/<str:token>/pdf/", guardian_agreement_download, name="guardian_agreement_download"),
]
