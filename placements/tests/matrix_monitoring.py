"""The monitoring page's rows of the permission matrix (tests/test_permission_matrix.py).
Protocol 7.1: "Monitoring will be undertaken by the Head of Resourcing": that role, and no other."""

from datetime import date

from placements.models import ProtocolReview
from tests.matrix import LOGIN, MFA, by_persona, saved


def _head_only(cell):
    return by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing=cell)


MATRIX = {
    "we_monitoring": _head_only("200"),
    "we_monitoring_csv": _head_only("200"),
    # the forms post here; the page itself is the one above
    "we_monitoring_review": _head_only("405"),
    "we_monitoring_next_review": _head_only("405"),
}


def url_arguments(people):
    # a review recorded, so there is a next review date to move
    ProtocolReview.objects.create(reviewed_on=date(2024, 2, 1), next_review_on=date(2026, 2, 1), notes="Minor changes.")
    return {}


POST_MATRIX = {
    "we_monitoring_review": _head_only(saved("→we_monitoring")),
    "we_monitoring_next_review": _head_only(saved("→we_monitoring")),
}
POST_DATA = {
    "we_monitoring_review": {"review-reviewed_on": "2026-01-15", "review-notes": "A full review."},
    "we_monitoring_next_review": {"next-next_review_on": "2027-06-01", "next-reason": "A new law comes in then."},
}
