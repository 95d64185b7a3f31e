"""The vetting app's rows of the permission matrix (tests/test_permission_matrix.py)."""

from tests.matrix import PUBLIC_PAGE

MATRIX = {
    # anyone shown an agreement may check it, signed in or not (issue 10)
    "agreement_verify": PUBLIC_PAGE,
}
# An empty POST is answered with the form and its error, changing nothing.
POST_MATRIX = {"agreement_verify": PUBLIC_PAGE}
POST_DATA = {}


def url_arguments(people):
    return {}
