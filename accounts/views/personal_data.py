"""The Head of Resourcing's pages for subject access and erasure (issue 13; seed 001 §3.4,
DOMAIN.md §4): find a person by email, download everything held about them as one ZIP, and
erase them on request after a page that says what will be erased and what kept, and why, and
which of their records still in progress are ended first (withdrawn, cancelled).

Each step is a POST carrying the address (accounts.forms.PersonActionForm), so the address
is never in a page's URL: not in the access log, the browser's history or a Referer."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from kentplacements.workflow import DomainError

from ..forms import PersonActionForm, PersonSearchForm
from ..personal_data import (
    EQUALITY_NOTE,
    PERMISSION,
    account_for,
    check_erasable,
    erase_person,
    erasure_plan,
    export_zip,
    held_about,
)
from ..roles import is_staff_member


def _page(view):
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


def _person_page(request, form):
    """The search form and, for a valid address, what is held about that person."""
    context = {"form": form, "equality_note": EQUALITY_NOTE}
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        user, held = held_about(email)
        context.update(
            email=email,
            account=user,
            held=held,
            erasable=user is None or not (user.is_superuser or is_staff_member(user)),
            export_form=PersonActionForm(
                initial={"email": email}, action=reverse("personal_data_export"), label="Download everything (ZIP)"
            ),
            erase_form=PersonActionForm(
                initial={"email": email}, action=reverse("personal_data_erase"), label="Erase…", danger=True
            ),
        )
    return render(request, "accounts/personal_data/search.html", context)


@_page
@require_http_methods(["GET", "POST"])
def search(request):
    return _person_page(request, PersonSearchForm(request.POST if request.method == "POST" else None))


def _sent_address(request):
    """The address a button sent, or None (a tampered or empty form: back to the search)."""
    form = PersonActionForm(request.POST)
    return form.cleaned_data["email"] if form.is_valid() else None


@_page
@require_POST
def export(request):
    email = _sent_address(request)
    if email is None:
        return _person_page(request, PersonSearchForm(request.POST))
    content = export_zip(email, by=request.user)  # logged: who exported whose data, never the content
    response = HttpResponse(content, content_type="application/zip")
    name = f"personal-data-{timezone.localdate():%Y-%m-%d}.zip"  # no address in the name: it lands in Downloads
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _ended(outcomes):
    """The kinds with live records ended before the erasure: the "Ended first" list."""
    return [outcome for outcome in outcomes if outcome.ended]


@_page
@require_POST
def erase(request):
    """Sent without ``confirm``: the page saying what erasure will do, with the button that does
    it. Sent with it: the erasure, and the page saying what was kept and why."""
    email = _sent_address(request)
    if email is None:
        return _person_page(request, PersonSearchForm(request.POST))
    user = account_for(email)
    context = {"email": email, "account": user}
    try:
        if user is not None:
            check_erasable(user)
        if request.POST.get("confirm") == "yes":
            context["outcomes"] = erase_person(email, by=request.user)
            context["ending"] = _ended(context["outcomes"])
            return render(request, "accounts/personal_data/erased.html", context)
    except DomainError as exc:
        context["refusal"] = str(exc)
        return render(request, "accounts/personal_data/erase_confirm.html", context)
    context["plan"] = erasure_plan(email)
    context["ending"] = _ended(context["plan"])
    context["confirm_form"] = PersonActionForm(
        initial={"email": email, "confirm": "yes"},
        action=reverse("personal_data_erase"),
        label="Erase their personal data",
        confirm=True,
        danger=True,
    )
    return render(request, "accounts/personal_data/erase_confirm.html", context)
