"""The partner portal (seed 000): a partner contact keeps their organisation's details,
adds colleagues, offers places, and accepts or declines the officers placed with them.

Only partner contacts may open it (403 for everyone else); a contact acts for their own
organisation(s) only, and anything of another organisation is a 404 (STYLE.md)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from kentplacements.pages import act, posted, run_service

from ..enums import HOSTING_PARTNER_STATUSES, PLACE_HOLDING_STATUSES
from ..forms.partners import ContactDetailsForm, HostingOfferForm, OfferPlacesForm, OrganisationProfileForm, ReasonForm
from ..models import CommunityPlacement, HostingOffer, PartnerContact, PartnerOrganisation
from ..selectors.partners import offers_of, partners_of
from ..selectors.partners_calendar import partner_calendar_placements
from ..services.partners import (
    accept_placement,
    add_contact,
    change_offer_places,
    decline_placement,
    invite_contact,
    offer_places,
    update_partner_profile,
)


def portal_page(view):
    """Partner contacts only; a visitor who is not logged in is asked to log in first."""
    return login_required(permission_required("placements.use_partner_portal", raise_exception=True)(view))


def _theirs(request, queryset, pk, partner_of=lambda obj: obj):
    """The record ``pk`` if the user acts for its organisation, else a 404."""
    obj = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm("placements.act_for_partner", partner_of(obj)):
        raise Http404("No such record.")
    return obj


def _partner(request, partner_id) -> PartnerOrganisation:
    return _theirs(request, PartnerOrganisation.objects.all(), partner_id)


def _render(request, template, partner, section, **context):
    context = {"partner": partner, "section": section, "hosting": partner.status in HOSTING_PARTNER_STATUSES, **context}
    return render(request, f"placements/partners/{template}", context)


@portal_page
@require_GET
def portal(request):
    return render(request, "placements/partners/portal.html", {"partners": partners_of(request.user)})


def _profile_initial(partner) -> dict:
    initial = {name: getattr(partner, name) for name in OrganisationProfileForm.base_fields if name != "communities"}
    return {**initial, "communities": list(partner.communities.all())}


@portal_page
@require_http_methods(["GET", "POST"])
def profile(request, partner_id):
    partner = _partner(request, partner_id)
    form = OrganisationProfileForm(posted(request), initial=_profile_initial(partner))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: update_partner_profile(partner, by=request.user, profile=form.profile()),
        "Your organisation's details are saved.",
    ):
        return redirect("partner_portal")
    return _render(request, "profile.html", partner, "profile", form=form)


@portal_page
@require_http_methods(["GET", "POST"])
def contacts(request, partner_id):
    partner = _partner(request, partner_id)
    form = ContactDetailsForm(posted(request))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: add_contact(partner, by=request.user, **form.contact()),
        f"{form.cleaned_data['full_name']} is added, and we have emailed them an invitation to create an account.",
    ):
        return redirect("partner_contacts", partner.pk)
    people = partner.contacts.select_related("user")
    return _render(request, "contacts.html", partner, "contacts", form=form, contacts=people)


@portal_page
@require_POST
def contact_invite(request, contact_id):
    contact = _theirs(
        request, PartnerContact.objects.select_related("organisation"), contact_id, lambda c: c.organisation
    )
    act(
        request, lambda: invite_contact(contact, by=request.user), f"We have sent {contact.full_name} a new invitation."
    )
    return redirect("partner_contacts", contact.organisation_id)


@portal_page
@require_http_methods(["GET", "POST"])
def offers(request, partner_id):
    partner = _partner(request, partner_id)
    form = HostingOfferForm(posted(request))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: offer_places(partner, by=request.user, **form.cleaned_data),
        "Thank you: your offer is saved. The Diversity Placements Officer will place officers with you.",
    ):
        return redirect("partner_offers", partner.pk)
    return _render(request, "offers.html", partner, "offers", form=form, offers=offers_of(partner))


@portal_page
@require_http_methods(["GET", "POST"])
def offer_edit(request, offer_id):
    offer = _theirs(request, HostingOffer.objects.select_related("partner"), offer_id, lambda o: o.partner)
    form = OfferPlacesForm(posted(request), offer=offer)
    if form.is_valid() and run_service(
        request,
        form,
        lambda: change_offer_places(offer, by=request.user, places=form.cleaned_data["places"]),
        "The number of places is saved.",
    ):
        return redirect("partner_offers", offer.partner_id)
    return _render(request, "offer_edit.html", offer.partner, "offers", form=form, offer=offer)


@portal_page
@require_GET
def placements(request, partner_id):
    partner = _partner(request, partner_id)
    hosted = partner_calendar_placements(partner)
    # Each contact has their own calendar address (placements.views.calendars).
    contact = partner.contacts.get(user=request.user)
    return _render(request, "placements.html", partner, "placements", placements=hosted, contact=contact)


def _decline_form(data=None):
    return ReasonForm(
        data,
        label="Why can you not host this placement?",
        help_text="The Diversity Placements Officer reads this, and it is passed on to the officer.",
        required_message="Tell us why you cannot host this placement.",
        button="Decline the placement",
    )


@portal_page
@require_http_methods(["GET", "POST"])
def placement_reply(request, placement_id):
    """Accept or decline an officer placed with the organisation (the confirmation email
    asks the partner to do this)."""
    visible = CommunityPlacement.objects.filter(status__in=PLACE_HOLDING_STATUSES).select_related("officer", "partner")
    placement = _theirs(request, visible, placement_id, lambda p: p.partner)
    done = redirect("partner_placements", placement.partner_id)
    if request.POST.get("action") == "accept":
        act(request, lambda: accept_placement(placement, by=request.user), "Thank you: the placement is accepted.")
        return done
    form = _decline_form(posted(request))
    if form.is_valid() and run_service(
        request,
        form,
        lambda: decline_placement(placement, by=request.user, reason=form.cleaned_data["reason"]),
        "The placement is declined. The Diversity Placements Officer will find the officer another one.",
    ):
        return done
    awaiting = request.user.has_perm("placements.reply_to_placement", placement)
    return _render(
        request,
        "placement_reply.html",
        placement.partner,
        "placements",
        placement=placement,
        form=form,
        awaiting=awaiting,
    )


urlpatterns = [
    path("partners/portal/", portal, name="partner_portal"),
    path("partners/portal/<int:partner_id>/profile/", profile, name="partner_profile"),
    path("partners/portal/<int:partner_id>/contacts/", contacts, name="partner_contacts"),
    path("partners/portal/contacts/<int:contact_id>/invite/", contact_invite, name="partner_contact_invite"),
    path("partners/portal/<int:partner_id>/offers/", offers, name="partner_offers"),
    path("partners/portal/offers/<int:offer_id>/", offer_edit, name="partner_offer_edit"),
    path("partners/portal/<int:partner_id>/placements/", placements, name="partner_placements"),
    path("partners/portal/placements/<int:placement_id>/", placement_reply, name="partner_placement_reply"),
]
