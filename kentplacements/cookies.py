"""The cookies the site sets, read from settings (issue 13: "the cookies used (essential
only, so no consent banner) and a cookies page"). Both are strictly necessary for a
service the visitor asked for (PECR regulation 6(4)(b)), so no consent is asked; the
cookies page lists them and a test checks the list against what responses set.

Messages ("Your registration was sent") ride in the session (MESSAGE_STORAGE), so Django
sets no third cookie for them."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timeuntil


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lasts: str


def _lasting(seconds: int) -> str:
    now = timezone.now()
    return timeuntil(now + timedelta(seconds=seconds), now)


def essential_cookies() -> list[Cookie]:
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you logged in from page to page, and carries the messages a page shows you after a form. "
            "It is set when you log in or send a form.",
            "until you log out, or " + _lasting(settings.SESSION_COOKIE_AGE) + " after your last visit",
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Proves that a form you send was filled in on this site, so another site cannot send forms "
            "in your name. It is set when you open a page with a form.",
            _lasting(settings.CSRF_COOKIE_AGE),
        ),
    ]
