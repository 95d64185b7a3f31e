"""What "Your account" lists of a person's volunteer applications (issue 9's "Your account
lists the person's own things"; issue 11), each linked to its place on their page."""

from django.urls import reverse

from accounts.navigation import NavEntry, OwnThings, register_own_things

from .selectors import applications_of


def _applications(user):
    page = reverse("volunteer_my_applications")
    return [
        NavEntry(f"{application.campaign}: {application.get_status_display()}", f"{page}#application-{application.pk}")
        for application in applications_of(user).order_by("-submitted_at", "-pk")
    ]


register_own_things(
    OwnThings(
        "Your volunteer applications",
        "volunteer_my_applications",
        _applications,
        none="You have not applied to volunteer.",
    ),
)
