"""Back-office helpers shared by every app. Admin actions call services (STYLE.md):
``run_on_each`` runs one on each selected record and reports the ones it refuses by name,
in the words of the service's DomainError."""

from datetime import date

from django.contrib import messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from .admin_lists import DrillDownByRangeChangeList
from .workflow import DomainError


def run_on_each(model_admin, request, queryset, service, done) -> int:
    changed = 0
    for obj in queryset:
        try:
            service(obj)
        except DomainError as error:
            model_admin.message_user(request, f"{obj}: {error}", messages.WARNING)
        else:
            changed += 1
    if changed:
        noun = model_admin.model._meta.verbose_name if changed == 1 else model_admin.model._meta.verbose_name_plural
        model_admin.message_user(request, f"{changed} {noun} {done}.", messages.SUCCESS)
    return changed


def run_with_form(model_admin, request, queryset, *, form_class, service, done, title, explanation, submit_label):
    """An action that needs an answer first (a reason to decline, say): a page of its own
    asks for it, then ``service(obj, **answers)`` runs on each selected record."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        run_on_each(model_admin, request, queryset, lambda obj: service(obj, **form.cleaned_data), done)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "submit_label": submit_label,
        "opts": model_admin.model._meta,
        "objects": queryset,
        "form": form,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_with_form.html", context)


class ReadOnlyAdminMixin:
    """Records written only by services (logs, what happened on a day): readable in the
    back office, never added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def service_owned_fields(model, *, adding=False) -> tuple[str, ...]:
    """The fields only the model's services write, declared once on the model as
    ``SERVICE_OWNED_FIELDS`` (issue 8 §2: statuses, counters, keys, tokens, assignments),
    and, on a record that exists, its ``SERVICE_OWNED_ONCE_ADDED``: fields staff type when
    they add the record, which a service changes afterwards (a presentation session's date,
    time and room: change_session tells the partners who replied)."""
    owned = tuple(getattr(model, "SERVICE_OWNED_FIELDS", ()))
    return owned if adding else owned + tuple(getattr(model, "SERVICE_OWNED_ONCE_ADDED", ()))


class ServiceOwnedFieldsMixin:
    """STYLE.md "The back office": a window onto the services. The model's service-owned
    fields are read-only on the add and change forms (inlines too); staff change them
    through admin actions that call the services. A field the admin excludes (a token,
    which staff never see) stays out of sight rather than shown read-only."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        hidden = set(self.exclude or ())
        # ``obj`` is None on the add form (for an inline: when its parent is being added).
        owned = service_owned_fields(self.model, adding=obj is None)
        readonly += [name for name in owned if name not in hidden and name not in readonly]
        return readonly

    def save_model(self, request, obj, form, change):
        """Write back only what the form changed: a whole-row save would put back a counter
        or status as it was when the page was read, undoing a service that ran meanwhile
        (a place confirmed, a seat taken)."""
        if not change:
            return super().save_model(request, obj, form, change)
        columns = {f.name for f in self.model._meta.concrete_fields}
        obj.save(update_fields=[name for name in form.changed_data if name in columns])


class DateHierarchyGuardMixin:
    """Django's date drill-down turns ``?created_at__year=99999999999`` (or a 13th month,
    or a year whose end is past 9999) into a server error (issue 8 §4). A date it cannot
    show is dropped from the address, with a message, and the whole list is shown. Its
    choices of years, months and days come from the first and last rows' dates, not from a
    scan of the table (admin_lists.DrillDownByRangeChangeList; issue 13)."""

    def get_changelist(self, request, **kwargs):
        return DrillDownByRangeChangeList

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy and not _drill_down_date_is_valid(request.GET, self.date_hierarchy):
            self.message_user(
                request, "That date is not one this list can show, so every date is shown.", messages.WARNING
            )
            kept = request.GET.copy()
            for part in DRILL_DOWN_PARTS:
                kept.pop(f"{self.date_hierarchy}__{part}", None)
            return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}")
        return super().changelist_view(request, extra_context)


DRILL_DOWN_PARTS = ("year", "month", "day")


def _drill_down_date_is_valid(query, field) -> bool:
    values = [query.getlist(f"{field}__{part}") for part in DRILL_DOWN_PARTS]
    if not any(values):
        return True
    # one plain number each ("٣" and "²" pass str.isdigit but are not what the links send)
    if any(len(given) > 1 or (given and not (given[0].isascii() and given[0].isdigit())) for given in values):
        return False
    year, month, day = (int(given[0]) if given else None for given in values)
    # The drill-down goes year > month > day, and Django's end of the period (a year, a
    # month or a day later) must still be a date: so the year stops at 9998.
    if year is None or (day is not None and month is None) or not 1 <= year < date.max.year:
        return False
    try:
        date(year, month or 1, day or 1)
    except (ValueError, OverflowError):  # a 13th month, or a month too big for C
        return False
    return True
