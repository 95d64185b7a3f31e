"""The staff review of partner organisations (seed 000; DOMAIN.md §1): the Diversity
Placements Officer approves, declines or reactivates registrations; the Head of
Resourcing may look but not decide."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from accounts.audit import changes_to, visible_copy
from kentplacements.pages import act, posted, run_service
from kentplacements.pagination import page_of

from ..enums import HOSTING_PARTNER_STATUSES, PARTNER_WORKFLOW, PartnerStatus
from ..forms.partners import ReasonForm
from ..models import PartnerContact, PartnerOrganisation
from ..selectors.partners import partners_with_contacts, staff_partner_list
from ..services.partners import approve_partner, decline_partner, invite_contact, reactivate_partner


def staff_page(permission):
    def decorate(view):
        return login_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@staff_page("placements.review_partners")
@require_GET
def partner_list(request):
    filterset = staff_partner_list(request.GET)
    page = page_of(request, filterset.qs)
    return render(request, "placements/partners/staff_list.html", {"filter": filterset, "page": page})


@staff_page("placements.review_partners")
@require_GET
def partner_detail(request, partner_id):
    partner = get_object_or_404(partners_with_contacts(), pk=partner_id)
    may_decide = request.user.has_perm("placements.decide_partners")
    context = {
        "partner": partner,
        # issue 9: in words, reasons as the one rule of accounts.audit lets this viewer read them
        "history": changes_to(partner, request.user),
        "status_reason": visible_copy(partner, partner.status_reason, request.user),
        "can_invite": may_decide and partner.status in HOSTING_PARTNER_STATUSES,
        "can_approve": may_decide and PARTNER_WORKFLOW.can(partner.status, PartnerStatus.APPROVED),
        "can_decline": may_decide and PARTNER_WORKFLOW.can(partner.status, PartnerStatus.DECLINED),
        "can_reactivate": may_decide and PARTNER_WORKFLOW.can(partner.status, PartnerStatus.INTERESTED),
    }
    return render(request, "placements/partners/staff_detail.html", context)


@staff_page("placements.decide_partners")
@require_POST
def partner_approve(request, partner_id):
    partner = get_object_or_404(PartnerOrganisation, pk=partner_id)
    act(
        request,
        lambda: approve_partner(partner, by=request.user),
        f"{partner} is approved. We have emailed its contacts, with an invitation to create an account.",
    )
    return redirect("staff_partner_detail", partner.pk)


@dataclass(frozen=True)
class Decision:
    """A decision that takes a reason, and the words of its page."""

    service: object
    title: str
    label: str
    required: bool
    help_text: str
    button: str
    success: str


DECLINE = Decision(
    service=decline_partner,
    title="Decline {partner}",
    label="Why is the organisation declined?",
    required=True,
    help_text="Its contacts will read this in the email we send them, so write it for them.",
    button="Decline the organisation",
    success="{partner} is declined, and its contacts have been told why.",
)
REACTIVATE = Decision(
    service=reactivate_partner,
    title="Look at {partner} again",
    label="Why is it looked at again? (optional)",
    required=False,
    help_text="For the action log. Its contacts are told that their registration is being looked at again.",
    button="Reactivate the registration",
    success="{partner} is back with the registrations to review.",
)


def _decide(request, partner_id, decision: Decision):
    partner = get_object_or_404(PartnerOrganisation, pk=partner_id)
    form = ReasonForm(
        posted(request),
        label=decision.label,
        required=decision.required,
        help_text=decision.help_text,
        button=decision.button,
    )
    if form.is_valid() and run_service(
        request,
        form,
        lambda: decision.service(partner, by=request.user, reason=form.cleaned_data["reason"]),
        decision.success.format(partner=partner),
    ):
        return redirect("staff_partner_detail", partner.pk)
    context = {"partner": partner, "form": form, "title": decision.title.format(partner=partner)}
    return render(request, "placements/partners/staff_decide.html", context)


@staff_page("placements.decide_partners")
@require_http_methods(["GET", "POST"])
def partner_decline(request, partner_id):
    return _decide(request, partner_id, DECLINE)


@staff_page("placements.decide_partners")
@require_http_methods(["GET", "POST"])
def partner_reactivate(request, partner_id):
    return _decide(request, partner_id, REACTIVATE)


@staff_page("placements.decide_partners")
@require_POST
def contact_invite(request, contact_id):
    contact = get_object_or_404(PartnerContact, pk=contact_id)
    act(
        request, lambda: invite_contact(contact, by=request.user), f"We have sent {contact.full_name} a new invitation."
    )
    return redirect("staff_partner_detail", contact.organisation_id)


urlpatterns = [
    path("placements/staff/partners/", partner_list, name="staff_partner_list"),
    path("placements/staff/partners/<int:partner_id>/", partner_detail, name="staff_partner_detail"),
    path("placements/staff/partners/<int:partner_id>/approve/", partner_approve, name="staff_partner_approve"),
    path("placements/staff/partners/<int:partner_id>/decline/", partner_decline, name="staff_partner_decline"),
    path("placements/staff/partners/<int:partner_id>/reactivate/", partner_reactivate, name="staff_partner_reactivate"),
    path(
        "placements/staff/partners/contacts/<int:contact_id>/invite/",
        contact_invite,
        name="staff_partner_contact_invite",
    ),
]
