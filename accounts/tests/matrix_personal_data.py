"""Subject access and erasure in the permission matrix (tests/test_permission_matrix.py; issue 13).
The Head of Resourcing alone finds a person, downloads their data and erases it
(accounts.rules: handle_personal_data_requests); everyone else is refused."""

from tests.matrix import LOGIN, MFA, by_persona

HEAD_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing="200")
# POST only: the address is never in a URL; GET is refused once the person is known to be the head
HEAD_POSTS = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, head_of_resourcing="405")

MATRIX = {
    "personal_data_search": HEAD_ONLY,
    "personal_data_export": HEAD_POSTS,
    "personal_data_erase": HEAD_POSTS,
}
POST_MATRIX = {
    # no address: the search form asks for one again, nothing written
    "personal_data_search": HEAD_ONLY,
    "personal_data_export": HEAD_ONLY,
    "personal_data_erase": HEAD_ONLY,
}
POST_DATA = {}


def url_arguments(people):
    return {}
