"""Who may do what in volunteer recruitment (seed 002). Anyone reads open campaigns and
applies with an account; an applicant's own applications are found through a queryset
scoped to them (``selectors.applications_of``), so another person's is a 404. The
Corporate Recruitment Team "recruits volunteers" (DOMAIN.md §1)."""

import rules

from accounts.rules import is_recruitment_team, is_vetting_officer

rules.add_perm("volunteers.review_applications", is_recruitment_team)
# Issue 11, as issue 10 for work experience: the vetting officer reads the application they
# vet (its page, linked from its checks), and changes nothing on it.
rules.add_perm("volunteers.view_application", is_recruitment_team | is_vetting_officer)
