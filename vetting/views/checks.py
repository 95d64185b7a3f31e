"""The vetting officer's pages (issue 10, "vetting checks and the clearance decision
(vetting officer only)"): the records in vetting with each check's status, and one record's
checks with a form to move each. Thin: selector -> form -> service -> redirect."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path

from kentplacements.workflow import DomainError

from ..enums import CheckStatus
from ..forms.checks import CheckDecisionForm, RequestCheckForm
from ..rules import decides_checks
from ..selectors import record_checks, records_to_decide
from ..services import checks as services


def vetting_officer_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not decides_checks(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


@vetting_officer_only
def vetting_records(request):
    records = records_to_decide()
    context = {
        "records": records,
        "lapsing": [record for record in records if record.lapsing],
    }
    return render(request, "vetting/records.html", context)


def _move(check, data, *, by):
    decision, notes = data["decision"], data["notes"]
    if decision == CheckStatus.IN_PROGRESS:
        return services.start_check(check, by=by, notes=notes)
    if decision == CheckStatus.CLEARED:
        return services.clear_check(check, by=by, expires_on=data["expires_on"], notes=notes)
    if decision == CheckStatus.REFUSED:
        return services.refuse_check(check, by=by, notes=notes)
    return services.withdraw_check(check, by=by, notes=notes)


def _saved(request, form, act) -> bool:
    if not form.is_bound or not form.is_valid():
        return False
    try:
        act(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    return True


@vetting_officer_only
def vetting_record(request, content_type_id, object_id):
    record = record_checks(content_type_id, object_id)
    if record is None:
        raise Http404
    posted = request.POST if request.method == "POST" else None
    sent = posted.get("check") if posted else None
    forms = {
        check.pk: CheckDecisionForm(posted if sent == str(check.pk) else None, check=check)
        for check in record.checks
        if check.status not in (CheckStatus.REFUSED, CheckStatus.WITHDRAWN)
    }
    request_form = RequestCheckForm(posted if posted and posted.get("request") else None)
    checks = {check.pk: check for check in record.checks}
    vetted = record.checks[0].record
    for pk, form in forms.items():
        if _saved(request, form, lambda data, pk=pk: _move(checks[pk], data, by=request.user)):
            messages.success(request, f"{checks[pk].get_check_type_display()}: recorded.")
            return redirect(request.path)
    if _saved(
        request,
        request_form,
        lambda data: services.request_check(vetted, data["check_type"], by=request.user, required=data["required"]),
    ):
        messages.success(request, "The check is requested.")
        return redirect(request.path)
    if posted and not sent and not posted.get("request"):
        raise Http404  # a POST naming no form of this page
    context = {
        "record": record,
        "rows": [(check, forms.get(check.pk)) for check in record.checks],
        "request_form": request_form,
        "clearance": services.clearance_of(record.checks, record.subject.ends_on),
    }
    return render(request, "vetting/record.html", context)


urlpatterns = [
    path("vetting/", vetting_records, name="vetting_records"),
    path("vetting/<int:content_type_id>/<int:object_id>/", vetting_record, name="vetting_record"),
]
