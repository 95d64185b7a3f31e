"""Spot personal data in a participant's diary (protocol 3.4.3: notes "must not breach
the Data Protection Act (1998), GDPR (2018) or include sensitive information").

The patterns, chosen to catch what a participant is likely to copy down on a police
placement while leaving years, times and ordinary numbers alone:

- UK phone numbers: 11 digits starting 01, 02, 03 or 07 ("07700 900123", "01622 777688"),
  or the same written +44 without the 0 ("+44 7700 900123"); spaces and hyphens allowed.
- Email addresses: something@domain.tld.
- UK vehicle registrations, current format: two letters, two digits, three letters
  ("AB12 CDE", "ab12cde").
- Crime reference numbers: Kent's "46/12345/24" (two digits, four to six digits, the
  two-digit year) and "CR/123456/24". A date such as 12/05/24 has only two digits in the
  middle, so it is not one.
"""

import re

_PHONE = re.compile(r"(?<![\w+])(?:\+44[\s-]?|0)\d(?:[\s-]?\d){8,9}(?!\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_VEHICLE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", re.IGNORECASE)
_CRIME_REFERENCE = re.compile(r"\b(?:\d{2}|CR)/\d{4,6}/\d{2}\b", re.IGNORECASE)
UK_PHONE_PREFIXES = ("01", "02", "03", "07")


def _is_uk_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    national = "0" + digits[2:] if candidate.startswith("+44") else digits
    return len(national) == 11 and national.startswith(UK_PHONE_PREFIXES)


def find_personal_data(text: str) -> list[str]:
    """What in ``text`` looks like personal data, as typed, in the order found."""
    found = [match for match in _PHONE.finditer(text) if _is_uk_phone(match.group())]
    for pattern in (_EMAIL, _VEHICLE, _CRIME_REFERENCE):
        found += pattern.finditer(text)
    return [match.group().strip() for match in sorted(found, key=lambda match: match.start())]
