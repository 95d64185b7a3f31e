"""Staff pages where the Diversity Placements Officer allocates a cohort's officers,
reviews the proposal on one page, adjusts it by hand and confirms it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, register_converter
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from kentplacements.pages import posted
from kentplacements.workflow import DomainError

from ..enums import PLACEMENT_WORKFLOW, PlacementStatus, PlacementType
from ..forms.allocation import MoveProposalForm, ReasonForm
from ..models import Cohort, CommunityPlacement
from ..selectors.allocation import cohorts_with_counts, open_offers, review_rows
from ..selectors.cohorts import with_officers_missing_a_placement
from ..services.allocation import confirm_allocation, run_allocation
from ..services.placements import cancel_placement, move_proposal


def _staff(permission):
    def decorate(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@_staff("placements.view_allocation")
def cohort_list(request):
    cohorts = with_officers_missing_a_placement(cohorts_with_counts())
    return render(request, "placements/allocation/cohort_list.html", {"cohorts": cohorts})


def _review_url(placement):
    return redirect("allocation_review", cohort_id=placement.officer.cohort_id, placement_type=placement.placement_type)


@_staff("placements.view_allocation")
def allocation_review(request, cohort_id, placement_type):
    return _review_page(request, get_object_or_404(Cohort, pk=cohort_id), placement_type)


def _review_page(request, cohort, placement_type):
    """The review page. A row carries "Move" and "Cancel" links, not their forms: the move form lists every
    open offer, and 400 rows of 150 offers made a page of 5 MB that took 12 s to draw (issue 9); even the
    cancel forms alone took seconds. Each link opens its form's page; with JavaScript, htmx draws the same
    form into the row instead (``_adjust``)."""
    rows = review_rows(cohort, placement_type)
    context = {
        "cohort": cohort,
        "placement_type": placement_type,
        "window": cohort.window(placement_type),
        "rows": rows,
        "proposed": sum(row.placement.status == PlacementStatus.PROPOSED for row in rows),
        "unplaced": cohort.officers.count() - len(rows),
        "may_manage": request.user.has_perm("placements.manage_allocation"),
    }
    return render(request, "placements/allocation/review.html", context)


@require_POST
@_staff("placements.manage_allocation")
def run(request, cohort_id, placement_type):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    result = run_allocation(cohort, placement_type, by=request.user)
    messages.success(request, f"Proposed {result.proposed} placements; {result.unallocated} officers not placed.")
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect("allocation_review", cohort_id=cohort.pk, placement_type=placement_type)


@require_POST
@_staff("placements.manage_allocation")
def confirm(request, cohort_id, placement_type):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    try:
        result = confirm_allocation(cohort, placement_type, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Confirmed {result.confirmed} placements; partners have been asked to accept them.")
        for refusal in result.refused:
            messages.warning(request, refusal)
    return redirect("allocation_review", cohort_id=cohort.pk, placement_type=placement_type)


def _adjusted(placement_id):
    return get_object_or_404(CommunityPlacement.objects.select_related("officer__cohort", "partner"), pk=placement_id)


def _adjust(request, placement, form, service, *, page):
    """A row's move or cancellation. A page of its own, reached by the review row's link; asked for by
    htmx from that link, the form alone, drawn into the row in the link's place (issue 9: the review
    page draws no forms of its own, so 400 rows stay light). Either way the form posts to the page, and
    a refusal comes back on it, next to the field the service names, with what was typed.
    ``service(**cleaned_data)`` makes the change and says what it did; ``page`` is the page's context:
    its heading, why, and ``closed``, the reason the placement can no longer be changed this way (None
    while it can)."""
    if form.is_bound and form.is_valid():
        try:
            done = service(**form.cleaned_data)
        except DomainError as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(request, done)
            return _review_url(placement)
    if request.htmx:
        return render(request, "placements/allocation/row_form.html", {"form": form, "closed": page["closed"]})
    return render(request, "placements/allocation/adjust.html", {"placement": placement, "form": form, **page})


@_staff("placements.manage_allocation")
@vary_on_headers("HX-Request")
def move(request, placement_id):
    """Staff move a proposal to another offer or first day, among the open offers of its round."""
    placement = _adjusted(placement_id)
    start, end = placement.officer.cohort.window(placement.placement_type)
    offers = open_offers(placement.placement_type, start, end)
    form = MoveProposalForm(posted(request), offers=offers, placement=placement, autofocus=request.htmx)
    page = {
        "heading": f"Move {placement.officer}’s {placement.get_placement_type_display()}",
        "why": f"The cohort’s window is {start:%-d %B} to {end:%-d %B %Y}; placement days are working days.",
        "closed": None
        if placement.status == PlacementStatus.PROPOSED
        else "Only a proposed placement can be moved; cancel a confirmed one instead.",
    }

    def moving(offer, starts_on):
        move_proposal(placement, offer, starts_on, by=request.user)
        return f"{placement.officer} now goes to {offer.partner}."

    return _adjust(request, placement, form, moving, page=page)


@_staff("placements.manage_allocation")
@vary_on_headers("HX-Request")
def cancel(request, placement_id):
    """Staff cancel a proposed or confirmed placement, with a reason."""
    placement = _adjusted(placement_id)
    form = ReasonForm(posted(request), placement=placement, autofocus=request.htmx)
    page = {
        "heading": f"Cancel {placement.officer}’s {placement.get_placement_type_display()}",
        "why": "A confirmed placement gives its place back, and the officer and the partner’s contacts are told why.",
        "closed": None
        if PLACEMENT_WORKFLOW.can(placement.status, PlacementStatus.CANCELLED)
        else f"This placement is {placement.get_status_display().lower()}: it can no longer be cancelled.",
    }

    def cancelling(reason):
        cancel_placement(placement, by=request.user, reason=reason)
        return f"Cancelled {placement.officer}'s placement at {placement.partner}."

    return _adjust(request, placement, form, cancelling, page=page)


class PlacementTypeConverter:
    """``two_day`` or ``four_day`` in a URL; anything else does not match (404)."""

    regex = "|".join(PlacementType.values)

    def to_python(self, value):
        return PlacementType(value)

    def to_url(self, value):
        return str(value)


register_converter(PlacementTypeConverter, "placement_type")

urlpatterns = [
    path("placements/staff/cohorts/", cohort_list, name="allocation_cohorts"),
    path(
        "placements/staff/cohorts/<int:cohort_id>/<placement_type:placement_type>/",
        allocation_review,
        name="allocation_review",
    ),
    path("placements/staff/cohorts/<int:cohort_id>/<placement_type:placement_type>/run/", run, name="allocation_run"),
    path(
        "placements/staff/cohorts/<int:cohort_id>/<placement_type:placement_type>/confirm/",
        confirm,
        name="allocation_confirm",
    ),
    path("placements/staff/placements/<int:placement_id>/move/", move, name="placement_move"),
    path("placements/staff/placements/<int:placement_id>/cancel/", cancel, name="placement_cancel"),
]
