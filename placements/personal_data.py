"""The detectors for what a placement's notes must not hold, in one place.

Personal data (protocol 3.4.3: notes "must not breach the Data Protection Act (1998),
GDPR (2018) or include sensitive information"), refused in a participant's diary. The
patterns catch what a participant is likely to copy down on a police placement while
leaving years, times and ordinary numbers alone:

- UK phone numbers: 11 digits starting 01, 02, 03 or 07 ("07700 900123", "01622 777688"),
  or the same written +44 without the 0 ("+44 7700 900123"); spaces and hyphens allowed.
- Email addresses: something@domain.tld.
- UK vehicle registrations, current format: two letters, two digits, three letters
  ("AB12 CDE", "ab12cde").
- Crime reference numbers: Kent's "46/12345/24" (two digits, four to six digits, the
  two-digit year) and "CR/123456/24". A date such as 12/05/24 has only two digits in the
  middle, so it is not one.
- UK postcodes: outward code, one optional space, inward code ("ME14 1AB", "me141ab",
  "SW1A 1AA"). "Room B12" has no inward code, so it is left alone.
- Dates of birth: a full date (12/03/2009, 12-03-2009, 3 March 2009) at least
  ``BIRTH_YEARS_AGO`` years back — a placement's own days are this year or next — or any
  date written after "born", "DOB" or "date of birth". "12/05/24" (the briefing's day, a
  two-digit year) is left alone.
- Street addresses: a house number, one to three capitalised words and a street word
  ("12 High Street", "4a Tonbridge Rd"). Capitalised, so that "2 officers on the road"
  is left alone.
- The names of other people held in the system (``writer`` given): any two to four
  consecutive words that are the full name of a user (staff, participants, partners) or a
  student officer, other than the writer. Whole names only, so a single word ("Post",
  "Sam") never matches; looked up in one query.

The forbidden situations (protocol 3.5.2: never an Emergency Response Vehicle, a sudden
death, a post mortem): ``find_forbidden_situations`` finds a mention of them in notes on
activities, DRAs and diary entries, which are saved only once the writer confirms the
participant was kept away from it. "post" or "death" alone are not a mention.
"""

import re

import phonenumbers
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils import timezone

from .models import StudentOfficer

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_VEHICLE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b", re.IGNORECASE)
_CRIME_REFERENCE = re.compile(r"\b(?:\d{2}|CR)/\d{4,6}/\d{2}\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" + _MONTHS + r")"
)
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-](?P<year>\d{4}|\d{2})"
_WRITTEN_DATE = r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAMES + r"\.?,?\s+(?P<year>\d{4})"
_FULL_DATE = re.compile(rf"\b(?:{_NUMERIC_DATE}|{_WRITTEN_DATE.replace('?P<year>', '?P<wyear>')})\b", re.IGNORECASE)
_BORN = re.compile(r"\b(?:born|d\.?o\.?b\.?|date of birth)\b[^\w]{0,3}(?:\w+\s+){0,2}$", re.IGNORECASE)
# Dates further back than this are not the placement's: most likely someone's birthday.
BIRTH_YEARS_AGO = 10
_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Gardens|Gdns|Court|Ct|"
    "Terrace|Hill|Grove|Walk|Square|Sq|Row|Mews|Parade|Rise|View|Park"
)
_STREET_ADDRESS = re.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){{1,3}}(?:{_STREET_WORDS})\b\.?(?!\w)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Whole names: two to four words, each of two letters or more.
NAME_WORDS = (2, 4)
_FORBIDDEN = re.compile(
    r"\b(?:ERVs?|emergency response vehicles?|sudden deaths?|post[\s-]?mortems?)\b",
    re.IGNORECASE,
)
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


def _full_year(year: str) -> int | None:
    """A four-digit year; a two-digit one is ambiguous (24: 1924 or 2024?), so None."""
    return int(year) if len(year) == 4 else None


def _dates_of_birth(text: str):
    latest_birth_year = timezone.localdate().year - BIRTH_YEARS_AGO
    for match in _FULL_DATE.finditer(text):
        year = _full_year(match.group("year") or match.group("wyear"))
        after_born = _BORN.search(text, 0, match.start()) is not None
        if after_born or (year is not None and year <= latest_birth_year):
            yield match.start(), match.group()


def _patterns(text: str):
    yield from _phone_numbers(text)
    yield from _dates_of_birth(text)
    for pattern in (_EMAIL, _VEHICLE, _CRIME_REFERENCE, _POSTCODE, _STREET_ADDRESS):
        yield from ((match.start(), match.group()) for match in pattern.finditer(text))


def _name_candidates(text: str) -> dict[str, list[tuple[int, str]]]:
    """Each run of two to four consecutive words (of two letters or more), lower-cased,
    with where it starts and how it was typed."""
    words = [match for match in _WORD.finditer(text) if len(match.group()) >= 2]
    candidates: dict[str, list[tuple[int, str]]] = {}
    low, high = NAME_WORDS
    for first in range(len(words)):
        for size in range(low, high + 1):
            run = words[first : first + size]
            if len(run) < size:
                break
            typed = text[run[0].start() : run[-1].end()]
            key = " ".join(word.group().lower() for word in run)
            candidates.setdefault(key, []).append((run[0].start(), typed))
    return candidates


def _names_of_others(text: str, writer):
    """The full names in ``text`` of people held in the system other than ``writer``:
    users and student officers, in one query (a UNION of the two name lists)."""
    candidates = _name_candidates(text)
    if not candidates:
        return
    users = (
        get_user_model()
        .objects.annotate(key=Lower("full_name"))
        .filter(key__in=candidates)
        .exclude(pk=writer.pk)
        .order_by()
        .values_list("key", flat=True)
    )
    officers = (
        StudentOfficer.objects.annotate(key=Lower("full_name"))
        .filter(key__in=candidates)
        .exclude(user_id=writer.pk)
        .order_by()
        .values_list("key", flat=True)
    )
    for key in set(users.union(officers)):
        yield from candidates[key]


def _as_typed(found) -> list[str]:
    """What was found, as typed, in the order it appears; a name inside an address
    ("12 High Street") is reported once, as the longer match."""
    found = sorted(found, key=lambda item: (item[0], -len(item[1])))
    kept, end = [], -1
    for start, typed in found:
        if start >= end:
            kept.append(typed.strip())
            end = start + len(typed)
    return kept


def find_personal_data(text: str, *, writer=None) -> list[str]:
    """What in ``text`` looks like personal data, as typed, in the order found. With a
    ``writer``, the names of other people held in the system are looked for too."""
    found = list(_patterns(text))
    if writer is not None:
        found += list(_names_of_others(text, writer))
    return _as_typed(found)


def find_forbidden_situations(text: str) -> list[str]:
    """Protocol 3.5.2: each mention of an ERV, a sudden death or a post mortem, as typed."""
    return _as_typed((match.start(), match.group()) for match in _FORBIDDEN.finditer(text))
