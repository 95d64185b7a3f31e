"""The placements app's rows of the permission matrix (tests/test_permission_matrix.py),
gathered from one module per part."""

from . import (
    matrix_monitoring,
    matrix_partners,
    matrix_placement_days,
    matrix_placements,
    matrix_presentations,
    matrix_work_experience,
)

PARTS = (
    matrix_partners,
    matrix_placements,
    matrix_presentations,
    matrix_work_experience,
    matrix_placement_days,
    matrix_monitoring,
)
MATRIX = {key: row for part in PARTS for key, row in part.MATRIX.items()}
POST_MATRIX = {key: row for part in PARTS for key, row in part.POST_MATRIX.items()}
POST_DATA = {key: data for part in PARTS for key, data in part.POST_DATA.items()}


def url_arguments(people):
    """Real records for pages about one record, built for the personas in ``people``."""
    return {key: value for part in PARTS for key, value in part.url_arguments(people).items()}
