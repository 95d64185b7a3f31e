"""Back-office helpers shared by every app. Admin actions call services (STYLE.md):
``run_on_each`` runs one on each selected record and reports the ones it refuses by name,
in the words of the service's DomainError."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

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
