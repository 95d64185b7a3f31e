"""References (issue 10): the referee's page, opened from the emailed link without an
account, and the staff page of one record's references."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kentplacements.pagination import page_of
from kentplacements.ratelimits import limit_token_page
from kentplacements.workflow import DomainError

from .. import links, subjects
from ..enums import ReferenceStatus
from ..forms.references import ReferenceAnswersForm, ReferenceRequestForm
from ..models import Reference
from ..services.references import (
    open_reference,
    references_by_status,
    references_for,
    references_page,
    request_reference,
    submit_reference,
    withdraw_reference,
)

STAFF = "vetting.manage_references"


def _problem(request, error: DomainError):
    """A link that is wrong, used, expired or withdrawn: a page saying so and what to do,
    never the form (nothing is saved)."""
    status = 404 if isinstance(error, links.LinkNotFound) else 410
    return render(request, "vetting/references/link_problem.html", {"message": str(error)}, status=status)


@limit_token_page
@require_http_methods(["GET", "POST"])
def reference_form(request, token):
    """GET shows who the reference is about and the questions (a mail scanner opening the
    link changes nothing); only the POST sends the reference."""
    try:
        reference = open_reference(token)
    except DomainError as error:
        return _problem(request, error)
    form = ReferenceAnswersForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            submit_reference(token, answers=form.cleaned_data)
        except DomainError as error:  # sent by another click a moment before, or expired since
            return _problem(request, error)
        return render(request, "vetting/references/thanks.html", {"reference": reference})
    subject = subjects.describe(subjects.subject_of(reference))
    return render(request, "vetting/references/form.html", {"reference": reference, "subject": subject, "form": form})


def _record(content_type_id, object_id):
    """The vetted record behind the address; anything vetting does not know is a 404."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None:
        raise Http404
    record = get_object_or_404(model, pk=object_id)
    try:
        return record, subjects.describe(record)
    except LookupError:
        raise Http404 from None


@login_required
@permission_required(STAFF, raise_exception=True)
@require_http_methods(["GET", "POST"])
def record_references(request, content_type_id, object_id):
    """The references asked for one application: ask for another, see where each one is,
    read the answers. The link itself is never shown (only its state, in words)."""
    record, subject = _record(content_type_id, object_id)
    form = ReferenceRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            reference = request_reference(record, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"We have emailed {reference.referee_name} a link to give their reference.")
            return redirect(references_page(record))
    context = {
        "subject": subject,
        "references": references_for(record),
        "form": form,
        "RECEIVED": ReferenceStatus.RECEIVED,
        "REQUESTED": ReferenceStatus.REQUESTED,
    }
    return render(request, "vetting/references/record.html", context)


@login_required
@permission_required(STAFF, raise_exception=True)
@require_GET
def reference_list(request):
    """Every reference asked for and not withdrawn, newest first, each linked to the page of
    its application's references (issue 10: "staff see the status")."""
    page = page_of(request, references_by_status())
    return render(request, "vetting/references/list.html", {"page": page, "REQUESTED": ReferenceStatus.REQUESTED})


@login_required
@permission_required(STAFF, raise_exception=True)
@require_POST
def withdraw(request, reference_id):
    reference = get_object_or_404(Reference, pk=reference_id)
    try:
        withdraw_reference(reference, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The request to {reference.referee_name} is withdrawn: their link no longer works.")
    return redirect(references_page(reference))


urlpatterns = [
    path("reference/<str:token>/", reference_form, name="reference_form"),
    path("vetting/references/", reference_list, name="reference_list"),
    path("vetting/references/<int:content_type_id>/<int:object_id>/", record_references, name="record_references"),
    path("vetting/references/withdraw/<int:reference_id>/", withdraw, name="withdraw_reference"),
]
