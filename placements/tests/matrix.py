"""The placements app's rows of the permission matrix (tests/test_permission_matrix.py)."""

MATRIX = {}


def url_arguments(people):
    """Real records for pages about one record, built for the personas in ``people``."""
    return {}
