"""Staff pages where the Diversity Placements Officer allocates a cohort's officers,
reviews the proposal on one page, adjusts it by hand and confirms it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, register_converter
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from rules.contrib.views import permission_required

from kentplacements.workflow import DomainError

from ..enums import PlacementStatus, PlacementType
from ..forms.allocation import MoveProposalForm, ReasonForm
from ..models import Cohort, CommunityPlacement
from ..selectors.allocation import cohorts_with_counts, open_offers, review_rows
from ..services.allocation import confirm_allocation, run_allocation
from ..services.placements import cancel_placement, move_proposal
from .partner_flow import posted


def _staff(permission):
    def decorate(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@_staff("placements.view_allocation")
def cohort_list(request):
    return render(request, "placements/allocation/cohort_list.html", {"cohorts": cohorts_with_counts()})


def _review_url(placement):
    return redirect("allocation_review", cohort_id=placement.officer.cohort_id, placement_type=placement.placement_type)


@_staff("placements.view_allocation")
def allocation_review(request, cohort_id, placement_type):
    return _review_page(request, get_object_or_404(Cohort, pk=cohort_id), placement_type)


def _review_page(request, cohort, placement_type):
    """The review page. A row carries a "Move" link, not the move form: the form lists every open offer,
    and 400 rows of 150 offers made a page of 5 MB that took 12 s to draw (issue 9). The link opens the
    move page; with JavaScript, htmx draws the same form into the row instead (``move``)."""
    rows = review_rows(cohort, placement_type)
    context = {
        "cohort": cohort,
        "placement_type": placement_type,
        "window": cohort.window(placement_type),
        "rows": rows,
        # each row's own cancel form, drawn by crispy
        "row_forms": [(row, ReasonForm(placement=row.placement)) for row in rows],
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


@_staff("placements.manage_allocation")
@vary_on_headers("HX-Request")
def move(request, placement_id):
    """Staff move a proposal to another offer or first day. A page of its own, reached by the review
    row's "Move" link; asked for by htmx from that link, the form alone, drawn into the row. Either way
    the form posts here, and a refusal comes back on this page, next to the field, with what was typed."""
    placement = get_object_or_404(
        CommunityPlacement.objects.select_related("officer__cohort", "partner"), pk=placement_id
    )
    window = placement.officer.cohort.window(placement.placement_type)
    offers = open_offers(placement.placement_type, *window)
    form = MoveProposalForm(posted(request), offers=offers, placement=placement, autofocus=request.htmx)
    if form.is_bound and form.is_valid():
        offer, starts_on = form.cleaned_data["offer"], form.cleaned_data["starts_on"]
        try:
            move_proposal(placement, offer, starts_on, by=request.user)
        except DomainError as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(request, f"{placement.officer} now goes to {offer.partner}.")
            return _review_url(placement)
    context = {"placement": placement, "window": window, "form": form}
    if request.htmx:
        return render(request, "placements/allocation/move_form.html", context)
    return render(request, "placements/allocation/move.html", context)


@require_POST
@_staff("placements.manage_allocation")
def cancel(request, placement_id):
    placement = get_object_or_404(CommunityPlacement.objects.select_related("officer"), pk=placement_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason to cancel the placement.")
        return _review_url(placement)
    try:
        cancel_placement(placement, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Cancelled {placement.officer}'s placement at {placement.partner}.")
    return _review_url(placement)


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
