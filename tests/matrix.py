"""The vocabulary of the permission matrix, shared by every app's matrix rows.

Each cell is what a person ends up seeing after following redirects: "200" (the page
itself), "403", "404", "405", or "→name" (sent on to that page, e.g. "→account_login").
A POST cell ends in " (saved)" when the POST wrote to the database (tests/dbstate.py).
"""

from tests.personas import ALL_PERSONAS, STAFF_PERSONAS

ANONYMOUS = "anonymous"
PERSONAS = [ANONYMOUS, *ALL_PERSONAS]
BACK_OFFICE = {"recruiter", "diversity_officer", "vetting_officer", "head_of_resourcing"}
STAFF = set(STAFF_PERSONAS)
LOGIN = "→account_login"
# allauth asks for the password again before any change to MFA (reauthentication),
# so a staff member without MFA, sent to the set-up page by our middleware, lands on
# the password prompt first; then the set-up page.
REAUTH = "→account_reauthenticate"
MFA = REAUTH
HOME = "home"  # placeholder: the persona's own home page
# Cells that turn a person away: a POST answered with one of these must change nothing.
REFUSED = frozenset({"400", "403", "404", "405", LOGIN, MFA})
SAVED = " (saved)"
# Routes that are not pages: what a load balancer asks (issue 13), answered with a plain
# "ok"; no link leads there and there is no page for axe to check.
PROBES = frozenset({"healthz"})
# A POST cell of the admin's editors: what they may change is checked elsewhere.
ALLOWED = "any answer"


def saved(cell):
    """The POST cell of someone allowed to make the change: the page they end on, and the
    database written to."""
    return cell + SAVED


def home_of(persona):
    return "→staff_dashboard" if persona in STAFF else "→my_account"


def audience(anonymous, public, staff, *, without_mfa=MFA):
    """Expected outcome per persona. ``staff_without_mfa`` is a recruiter who has not set
    up MFA: the middleware sends them to the set-up page from everywhere else."""

    def expected(persona):
        if persona == ANONYMOUS:
            return anonymous
        if persona == "staff_without_mfa":
            return without_mfa
        return staff if persona in STAFF else public

    return expected


def by_persona(default, **cells):
    """Expected outcome given persona by persona, ``default`` for the rest; for pages
    that depend on whose record it is (another partner's offer is a 404)."""
    return lambda persona: cells.get(persona, default)


PUBLIC_PAGE = audience("200", "200", "200")
SIGNED_IN = audience(LOGIN, "200", "200")
STAFF_ONLY = audience(LOGIN, "403", "200")
