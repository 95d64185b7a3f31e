"""Issue 10: "staff see the status; the answers are visible to the recruitment team and
vetting role only". The same two roles ask for references (protocol 3.3.1: the Corporate
Recruitment Team conducts the checks; DOMAIN.md §1: the vetting officer records references)."""

import rules

from accounts.rules import is_recruitment_team, is_vetting_officer

rules.add_perm("vetting.manage_references", is_recruitment_team | is_vetting_officer)
