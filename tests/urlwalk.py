"""Every URL pattern of the site, with a concrete sample URL for each (used by the
permission matrix and by the accessibility walk)."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Values for the pattern arguments; none of them names a real object, so object
# pages show what a stranger would get for someone else's record.
SAMPLE_ARGUMENTS = {
    "object_id": "999999",
    "id": "999999",
    "content_type_id": "1",
    "key": "not-a-real-key",
    "uidb36": "1",
    "url": "no-such-page/",
    "app_label": "accounts",
    "history_id": "999999",
    "placement_id": "999999",
    "cohort_id": "999999",
    "invitation_id": "999999",
    "session_id": "999999",
    "placement_type": "two_day",
    "token": "00000000-0000-0000-0000-000000000000",
    "partner_id": "999999",
    "offer_id": "999999",
    "contact_id": "999999",
    "application_id": "999999",
    "reference_id": "999999",
    "programme_id": "999999",
    "move": "shortlist",  # a step of the application page (issue 10)
    "day": "2027-07-19",
    "agreement_id": "999999",
    "campaign_id": "999999",
    "grant_id": "999999",  # a designated power granted (issue 11)
    "duty_id": "999999",
    "event_id": "999999",  # an outreach event (issue 12)
    "source_kind": "campaign",  # the equality reports' campaign, programme or event (issue 12)
    "source_id": "999999",
    "intake_id": "999999",  # a Positive Action Programme intake (issue 12)
    "enrolment_id": "999999",
    "interest_id": "999999",  # a local business's interest in supporting recruitment (issue 12)
}


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the pattern itself for unnamed patterns
    pattern: str
    url: str


def sample_url(pattern: str, arguments: dict[str, str] | None = None) -> str:
    """A concrete URL for ``pattern``; ``arguments`` override SAMPLE_ARGUMENTS."""
    values = {**SAMPLE_ARGUMENTS, **(arguments or {})}
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], pattern)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], url)
    url = re.sub(r"\(\[\^/\]\+\)", lambda m: values["object_id"], url, count=1)  # simple_history's
    url = re.sub(r"\(\[\^/\]\+\)", lambda m: values["history_id"], url, count=1)  # unnamed groups
    return "/" + url.replace("^", "").replace("$", "")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            key = ":".join(filter(None, [namespace, entry.name])) if entry.name else pattern
            yield Route(key=key, pattern=pattern, url=sample_url(pattern))


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))
