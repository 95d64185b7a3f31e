"""Checks and normal forms for what partners type about their organisation."""

import re
import unicodedata

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from kentplacements.phones import PHONE_MESSAGE, normalise_phone  # noqa: F401  (placements' forms and admin)

# The UK postcode format (outward code, space, inward code), after the published pattern.
UK_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|([A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?)|[0-9][A-HJKPS-UW])"  # outward
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"  # inward
)
# Registered charity numbers (England and Wales) have 6 or 7 digits; company numbers
# have 8 digits, or 2 letters (e.g. SC, NI, OC) and 6 digits.
CHARITY_NUMBER = re.compile(r"^\d{6,7}$")
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")
NAME_NOISE = re.compile(r"[^a-z0-9]+")
NAME_SUFFIXES = re.compile(r"\b(the|ltd|limited|cic|cio|charity|trust)\b")


# Issue 8: dates people plan ahead (hosting offers, presentation sessions) are refused when
# more than two years ahead, so a slip of the keyboard (the year 9999) never reaches a list,
# a calendar or the allocator.
PLANNING_HORIZON = relativedelta(years=2)


def planning_window_problem(day, *, today, may_be_past=False, what="The date") -> str:
    """Why ``day`` is outside the window we plan in (today, or earlier when ``may_be_past``,
    up to two years ahead), or "" when it is inside."""
    if not may_be_past and day < today:
        return f"{what} must be today or later."
    if day > today + PLANNING_HORIZON:
        return f"{what} can be at most two years ahead: {today + PLANNING_HORIZON:%-d %B %Y} or earlier."
    return ""


def normalise_postcode(value: str) -> str:
    """ "me14 1xx" -> "ME14 1XX"; raises ValidationError when it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not UK_POSTCODE.match(compact):
        raise ValidationError("Enter a UK postcode, like ME14 1XX.", code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_registration_number(value: str) -> str:
    """Charity or company number without spaces, upper case; raises when neither format."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if compact and not (CHARITY_NUMBER.match(compact) or COMPANY_NUMBER.match(compact)):
        raise ValidationError(
            "Enter a charity number (6 or 7 digits, like 1234567) or a company number "
            "(8 characters, like 01234567 or SC123456).",
            code="registration_number",
        )
    return compact


def duplicate_key(name: str, postcode: str) -> str:
    """How we recognise the same organisation registering twice: its name without case,
    accents, punctuation or words like "Ltd" and "The", and its postcode."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = NAME_NOISE.sub(" ", NAME_SUFFIXES.sub(" ", NAME_NOISE.sub(" ", plain)))
    return f"{'-'.join(plain.split())}|{postcode.replace(' ', '').upper()}"
