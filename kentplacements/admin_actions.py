"""Admin actions call services (STYLE.md); this runs one on each selected record and
reports the ones it refuses by name, in the words of the service's DomainError."""

from django.contrib import messages

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
