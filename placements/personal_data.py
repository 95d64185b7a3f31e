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

import phonenumbers

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_VEHICLE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", re.IGNORECASE)
_CRIME_REFERENCE = re.compile(r"\b(?:\d{2}|CR)/\d{4,6}/\d{2}\b", re.IGNORECASE)
# Geographic (01, 02), non-geographic (03) and mobile (07) numbers: 10 digits after the 0.
UK_PHONE_PREFIXES = ("1", "2", "3", "7")


def _phone_numbers(text: str):
    """(start, as typed) of each UK phone number, found by libphonenumber (issue 8: phone
    numbers are read by a maintained library, not a regex). "Possible" rather than "valid",
    so the numbers Ofcom keeps for drama (07700 900…) are caught too."""
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        national = str(match.number.national_number)
        if match.number.country_code == 44 and len(national) == 10 and national.startswith(UK_PHONE_PREFIXES):
            yield match.start, match.raw_string


def find_personal_data(text: str) -> list[str]:
    """What in ``text`` looks like personal data, as typed, in the order found."""
    found = list(_phone_numbers(text))
    for pattern in (_EMAIL, _VEHICLE, _CRIME_REFERENCE):
        found += [(match.start(), match.group()) for match in pattern.finditer(text)]
    return [typed.strip() for _, typed in sorted(found)]
