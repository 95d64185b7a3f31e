"""What every page that runs a service shares (placements, vetting, volunteers): a posted
form's data, and running a service so that a refusal (DomainError) reaches the person as a
message next to the form rather than an error page."""

from django.contrib import messages

from kentplacements.workflow import DomainError


def posted(request):
    """The form data on a POST, None on a GET (so a GET shows an unbound form)."""
    return request.POST if request.method == "POST" else None


def run_service(request, form, action, success) -> bool:
    """Call ``action``; a refusal is shown on ``form`` (at its top), a success as a message."""
    try:
        action()
    except DomainError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, success)
    return True


def act(request, action, success) -> None:
    """Call ``action`` for a button with no form; the outcome is shown as a message."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
