"""The retention page in the permission matrix (tests/test_permission_matrix.py; issue 13):
the Head of Resourcing's alone (retention.rules)."""

from tests.matrix import LOGIN, MFA, by_persona

MATRIX = {
    "retention_schedule": by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing="200"),
}
POST_MATRIX = {}
POST_DATA = {}


def url_arguments(people):
    return {}
