"""Who may work with the placement days (protocol 3.5): escorting officers with their
own participants, the Corporate Recruitment Team (the supervisors) with every one, and
applicants with their own attendance and diary.

Pages ask for a role here; which participant a person may open is decided by the scoped
querysets in ``placements.selectors.placement_days`` (someone else's is a 404)."""

import rules

from accounts.rules import is_applicant, is_escorting_officer, is_recruitment_team

# Protocol 3.5.5: the escorting officer records activities and DRAs for their participants.
rules.add_perm("placements.escort_participants", is_escorting_officer | is_recruitment_team)
# The supervisors: assign escorting officers, keep the Student Placement Risk Assessment,
# read every DRA, keep the daily register.
rules.add_perm("placements.supervise_placement_days", is_recruitment_team)
# Protocol 3.3.2 and 3.4.3: the applicant confirms attendance and keeps a diary.
rules.add_perm("placements.keep_own_placement", is_applicant)
