"""What "Your account" lists of a person's programme enrolments (issue 9's own things;
issue 12), linked to "Your Positive Action Programme"."""

from django.urls import reverse

from accounts.navigation import NavEntry, OwnThings, register_own_things

from .selectors import enrolments_of


def _enrolments(user):
    page = reverse("programme_mine")
    return [
        NavEntry(f"{enrolment.intake}: {enrolment.get_status_display()}", f"{page}#enrolment-{enrolment.pk}")
        for enrolment in enrolments_of(user).order_by("-applied_at", "-pk")
    ]


register_own_things(
    OwnThings(
        "Your Positive Action Programme",
        "programme_mine",
        _enrolments,
        none="You have not applied to the Positive Action Programme.",
    ),
)
