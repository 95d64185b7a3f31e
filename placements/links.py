"""Links in emails: the mail is read outside the site and may be sent by a task with no
request, so it carries the full address (settings.SITE_URL)."""

from django.conf import settings
from django.urls import reverse


def absolute_url(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)
