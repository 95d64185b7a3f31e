"""Phone numbers as people type them, checked and stored one way for every app's forms
(partners, work experience, outreach registrations)."""

import phonenumbers
from django.core.exceptions import ValidationError

PHONE_MESSAGE = "Enter a UK phone number, like 01622 777688 or 07911 123456, or a number abroad starting with +."


def normalise_phone(value: str) -> str:
    """Issue 8 (section 6): checked with Google's libphonenumber (the ``phonenumbers``
    package), which knows every UK numbering range, not with a regex. Numbers are read as
    UK numbers unless they start with + and a country code. Stored in the form people
    dial and staff read: UK numbers in national format ("01622 777688"), others in
    international format ("+33 1 42 68 53 00"); "+44 (0)1622 777-688" becomes the first."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_MESSAGE, code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    uk = number.country_code == 44  # Great Britain, and the islands that share its numbers
    style = phonenumbers.PhoneNumberFormat.NATIONAL if uk else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)
