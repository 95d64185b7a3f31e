"""Who may do what in volunteer recruitment (seed 002). Anyone reads open campaigns and
applies with an account; an applicant's own applications are found through a queryset
scoped to them (``selectors.applications_of``), so another person's is a 404. The
Corporate Recruitment Team "recruits volunteers" (DOMAIN.md §1)."""

import rules

from accounts.rules import is_recruitment_team

rules.add_perm("volunteers.review_applications", is_recruitment_team)
