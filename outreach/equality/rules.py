"""Who reads the equality reports (issue 12: "only the head of resourcing and the diversity
roles see reports, never individual answers"). Nobody reads individual answers: there is no
page, admin or export of them (models.py)."""

import rules

from accounts.rules import is_diversity_placements_officer, is_head_of_resourcing

rules.add_perm("outreach.view_equality_reports", is_head_of_resourcing | is_diversity_placements_officer)
