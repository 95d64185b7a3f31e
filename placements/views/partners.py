"""Partner organisations (seed 000). This module holds the public pages (register your
interest, the invitation link) and every partner URL; the partner portal and the staff
review pages are in ``partner_portal`` and ``partner_staff``."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from kentplacements.pages import posted
from kentplacements.ratelimits import limit_address, limit_email, limit_token_page
from kentplacements.workflow import DomainError

from ..forms.partners import RegisterInterestForm
from ..invitations import InvitationExpired, InvitationNotFound, invited_contact
from ..services.partners import (
    DIVERSITY_TEAM_PHONE,
    AlreadyRegistered,
    invitation_problem,
    link_contact_account,
    register_interest,
)
from . import partner_portal, partner_staff


@require_http_methods(["GET", "POST"])
def register(request):
    """Seed 000: "Register your interest and grasp this great opportunity". No account needed."""
    if refused := limit_address(request, "partner_register"):  # it sends emails (issue 13)
        return refused
    form = RegisterInterestForm(posted(request))
    if not form.is_valid():
        return render(request, "placements/partners/register.html", {"form": form})
    if form.is_spam:
        return redirect("partner_register_thanks")  # a robot is thanked, and nothing is kept
    if refused := limit_email(request, "partner_register", form.cleaned_data["email"]):
        return refused
    try:
        register_interest(profile=form.profile(), contact=form.contact())
    except AlreadyRegistered as exc:
        # Nothing about the earlier registration is shown: only that there is one.
        return render(request, "placements/partners/register_already.html", {"message": str(exc)})
    return redirect("partner_register_thanks")


@require_GET
def register_thanks(request):
    return render(request, "placements/partners/register_thanks.html", {"team_phone": DIVERSITY_TEAM_PHONE})


def _join_problem(request, message):
    context = {"message": message, "team_phone": DIVERSITY_TEAM_PHONE}
    return render(request, "placements/partners/join_problem.html", context, status=400)


def _entrance_links(request, contact) -> dict:
    """Sign up (with the invited address filled in) or log in, then come back here."""
    here = request.path
    return {
        "signup_url": reverse("account_signup") + "?" + urlencode({"email": contact.email, "next": here}),
        "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
    }


@limit_token_page
@require_http_methods(["GET", "POST"])
def join(request, token):
    """The invitation link. Opening it only explains what will happen; the POST links the
    account (STACK.md: mail scanners open links)."""
    try:
        contact = invited_contact(token)
    except InvitationNotFound as exc:
        raise Http404(str(exc)) from exc
    except InvitationExpired as exc:
        return _join_problem(request, str(exc))
    problem = invitation_problem(contact, request.user)
    if problem:
        return _join_problem(request, problem)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        return _link(request, contact)
    context = {"contact": contact, "partner": contact.organisation, **_entrance_links(request, contact)}
    return render(request, "placements/partners/join.html", context)


def _link(request, contact):
    try:
        link_contact_account(contact, request.user, by=request.user)
    except DomainError as exc:  # linked by someone else a moment ago, or the status changed
        return _join_problem(request, str(exc))
    messages.success(request, f"Your account is linked to {contact.organisation}.")
    return redirect("partner_portal")


urlpatterns = [
    path("partners/register/", register, name="partner_register"),
    path("partners/register/thanks/", register_thanks, name="partner_register_thanks"),
    path("partners/join/<str:token>/", join, name="partner_join"),
    *partner_portal.urlpatterns,
    *partner_staff.urlpatterns,
]
