"""The pages of local businesses' interest (issue 12): the public form linked from the
positive-action page (seed 004: "To find out more about how you can support Kent Police
recruitment as a local business in the Kent community please click here") and the page
after it; the Diversity Placements Officer's list (filtered by status, or the staff home's
count) and a page per business with the follow-up forms, each calling one service."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.queues import in_queue
from kentplacements.forms import SearchForm
from kentplacements.pages import posted, run_service
from kentplacements.pagination import page_of
from kentplacements.ratelimits import limit_address, limit_email
from kentplacements.workflow import DomainError

from .enums import BusinessInterestStatus
from .forms import BusinessInterestForm, ContactedForm, NotTakenForwardForm, SupportingForm
from .models import BusinessInterest
from .selectors import staff_business_interests
from .services import mark_contacted, mark_supporting, not_taken_forward, register_business_interest

S = BusinessInterestStatus
FOLLOW_UP = "outreach.follow_up_businesses"
# The address typed on the form, for the page that follows it ("We have emailed ...").
REGISTERED_AS = "outreach_business_registered_as"


@require_http_methods(["GET", "POST"])
def interest_form(request):
    # A public form that sends email: limited per address and per email address typed
    # (settings.ACCOUNT_RATE_LIMITS["outreach_business_interest"], kentplacements/ratelimits.py).
    if refused := limit_address(request, "outreach_business_interest"):
        return refused
    form = BusinessInterestForm(posted(request))
    if form.is_valid():
        if form.is_spam:
            return redirect("outreach_business_thanks")  # a robot is thanked, and nothing is kept
        if refused := limit_email(request, "outreach_business_interest", form.cleaned_data["email"]):
            return refused
        try:
            register_business_interest(**form.details())
        except DomainError as exc:  # the service's own checks, should the form's ever miss one
            form.add_error(None, str(exc))
        else:
            request.session[REGISTERED_AS] = form.cleaned_data["email"]
            return redirect("outreach_business_thanks")
    return render(request, "outreach/businesses/interest.html", {"form": form})


@require_GET
def thanks(request):
    """The same page whether the interest is new or was registered already (the form tells
    nobody what another person registered)."""
    return render(request, "outreach/businesses/thanks.html", {"email": request.session.get(REGISTERED_AS)})


# --- the Diversity Placements Officer's pages ------------------------------------------------


def _officer_page(view):
    return login_required(permission_required(FOLLOW_UP, raise_exception=True)(view))


class StatusFilter(SearchForm):
    button_label = "Show"

    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *S.choices])


@_officer_page
@require_GET
def business_list(request):
    """Filtered by status; ``?queue=`` opens the staff home's count (accounts.queues). A
    status that is not one of ours shows every business."""
    filters = StatusFilter(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else None
    rows = in_queue(staff_business_interests(status), request.GET.get("queue"), request.user)
    page = page_of(request, rows)
    return render(request, "outreach/businesses/staff_list.html", {"page": page, "filters": filters})


# status -> the follow-up forms its page offers: (URL name, form class)
FOLLOW_UPS = {
    S.NEW: (("outreach_staff_business_contacted", ContactedForm), ("outreach_staff_business_ntf", NotTakenForwardForm)),
    S.CONTACTED: (
        ("outreach_staff_business_supporting", SupportingForm),
        ("outreach_staff_business_ntf", NotTakenForwardForm),
    ),
}


def _prefix(url_name):
    """ "contacted", "supporting", "ntf": each form's fields named apart on the one page."""
    return url_name.rsplit("_", 1)[1]


def _render_business(request, interest, *, bound=None):
    """The business's page with the forms its status offers; ``bound`` (the form as sent,
    with its problems) in place of its blank one."""
    follow_ups = []
    for url_name, form_class in FOLLOW_UPS.get(interest.status, ()):
        form = bound if isinstance(bound, form_class) else form_class(prefix=_prefix(url_name))
        form.form_action = reverse(url_name, args=[interest.pk])
        follow_ups.append(form)
    context = {"interest": interest, "follow_ups": follow_ups}
    return render(request, "outreach/businesses/staff_business.html", context)


def _interest(interest_id):
    return get_object_or_404(BusinessInterest.objects.select_related("contacted_by", "decided_by"), pk=interest_id)


@_officer_page
@require_GET
def business_page(request, interest_id):
    return _render_business(request, _interest(interest_id))


def _follow_up(request, interest_id, url_name, form_class, service, done):
    interest = _interest(interest_id)
    form = form_class(request.POST, prefix=_prefix(url_name))
    if form.is_valid() and run_service(
        request, form, lambda: service(interest, by=request.user, **form.cleaned_data), done
    ):
        return redirect("outreach_staff_business", interest.pk)
    interest.refresh_from_db()  # a refusal: the page as the business now stands
    if form_class not in [offered for _name, offered in FOLLOW_UPS.get(interest.status, ())]:
        # recorded meanwhile (another tab, a second click): the page no longer has this form
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("outreach_staff_business", interest.pk)
    return _render_business(request, interest, bound=form)


@_officer_page
@require_POST
def contacted(request, interest_id):
    return _follow_up(
        request,
        interest_id,
        "outreach_staff_business_contacted",
        ContactedForm,
        mark_contacted,
        "The contact is recorded.",
    )


@_officer_page
@require_POST
def supporting(request, interest_id):
    return _follow_up(
        request,
        interest_id,
        "outreach_staff_business_supporting",
        SupportingForm,
        mark_supporting,
        "Recorded as supporting recruitment. The business has been emailed a thank-you.",
    )


@_officer_page
@require_POST
def ntf(request, interest_id):
    return _follow_up(
        request,
        interest_id,
        "outreach_staff_business_ntf",
        NotTakenForwardForm,
        not_taken_forward,
        "Recorded as not taken forward.",
    )


urlpatterns = [
    path("positive-action/businesses/", interest_form, name="outreach_business_interest"),
    path("positive-action/businesses/thank-you/", thanks, name="outreach_business_thanks"),
    path("staff/outreach/businesses/", business_list, name="outreach_staff_businesses"),
    path("staff/outreach/businesses/<int:interest_id>/", business_page, name="outreach_staff_business"),
    path("staff/outreach/businesses/<int:interest_id>/contacted/", contacted, name="outreach_staff_business_contacted"),
    path(
        "staff/outreach/businesses/<int:interest_id>/supporting/", supporting, name="outreach_staff_business_supporting"
    ),
    path("staff/outreach/businesses/<int:interest_id>/not-taken-forward/", ntf, name="outreach_staff_business_ntf"),
]
