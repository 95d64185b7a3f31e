"""Who may do what in vetting (django-rules). DOMAIN.md §1: the vetting officer "records
vetting checks (Force Policy P04) ... the only role that sees vetting detail" — the rule
holds the role alone, so a superuser without it is refused too (rules.has_perm, not the
model backend, which grants a superuser everything)."""

import rules

from accounts.rules import is_vetting_officer

from . import agreements, references  # noqa: F401  (each part's rules)

rules.add_perm("vetting.decide_checks", is_vetting_officer)


def decides_checks(user) -> bool:
    return rules.has_perm("vetting.decide_checks", user)
