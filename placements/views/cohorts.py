"""A cohort's page (issue 9; seed 000: "every student officer has to complete these community
placements"): each officer's 2-day and 4-day placement and presentation, the officers at risk
of missing one, re-allocating them in one step, and accepting a placement for its partner."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import path
from django.views.decorators.http import require_POST

from kentplacements.workflow import DomainError

from ..forms.allocation import AcceptForPartnerForm
from ..models import Cohort, CommunityPlacement
from ..selectors.cohorts import cohort_overview
from ..services.allocation import reallocate_officers_at_risk
from ..services.partners import accept_for_partner
from .allocation import _staff


@_staff("placements.view_allocation")
def cohort_page(request, cohort_id):
    return _cohort_page(request, get_object_or_404(Cohort, pk=cohort_id))


def _cohort_page(request, cohort, *, refused_accept=None):
    """The page; ``refused_accept`` is an accept form that did not validate, drawn in its own place so its
    message stands next to the field and the text typed is kept."""
    overview = cohort_overview(cohort)
    may_manage = request.user.has_perm("placements.manage_allocation")

    def accept_form(placement):
        if refused_accept is not None and refused_accept.placement.pk == placement.pk:
            return refused_accept
        return AcceptForPartnerForm(placement=placement)

    context = {
        "cohort": cohort,
        "overview": overview,
        "may_manage": may_manage,
        "may_read_reflections": request.user.has_perm("placements.view_presentation_reports"),
        "awaiting": [(p, accept_form(p) if may_manage else None) for p in overview.awaiting_reply],
    }
    return render(request, "placements/allocation/cohort.html", context)


@require_POST
@_staff("placements.manage_allocation")
def reallocate(request, cohort_id, placement_type):
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    try:
        result = reallocate_officers_at_risk(cohort, placement_type, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("allocation_cohort", cohort_id=cohort.pk)
    messages.success(
        request,
        f"Re-allocated {result.at_risk} officer{pluralize(result.at_risk)} at risk: {len(result.placed)} placed "
        "and confirmed. "
        "Their partners have been asked to accept; each officer is told once the partner accepts.",
    )
    if result.not_placed:
        messages.warning(request, "Not placed: " + ", ".join(officer.full_name for officer in result.not_placed) + ".")
        for reason in result.reasons:
            messages.warning(request, reason)
    return redirect("allocation_cohort", cohort_id=cohort.pk)


@require_POST
@_staff("placements.manage_allocation")
def accept_placement_for_partner(request, placement_id):
    placements = CommunityPlacement.objects.select_related("officer__cohort", "partner")
    placement = get_object_or_404(placements, pk=placement_id)
    form = AcceptForPartnerForm(request.POST, placement=placement)
    if not form.is_valid():
        return _cohort_page(request, placement.officer.cohort, refused_accept=form)
    try:
        accept_for_partner(placement, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Recorded that {placement.partner} accepted {placement.officer}'s "
            f"{placement.get_placement_type_display()}; {placement.officer} has been told it is confirmed.",
        )
    return redirect("allocation_cohort", cohort_id=placement.officer.cohort_id)


urlpatterns = [
    path("placements/staff/cohorts/<int:cohort_id>/", cohort_page, name="allocation_cohort"),
    path(
        "placements/staff/cohorts/<int:cohort_id>/<placement_type:placement_type>/reallocate/",
        reallocate,
        name="allocation_reallocate",
    ),
    path(
        "placements/staff/placements/<int:placement_id>/accept-for-partner/",
        accept_placement_for_partner,
        name="placement_accept_for_partner",
    ),
]
