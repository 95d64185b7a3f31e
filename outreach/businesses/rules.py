"""Who follows up local businesses' interest (issue 12). The Diversity Placements Officer
runs the positive-action workshops and engagement days the businesses would support
(DOMAIN.md §1; seed 004's contact is the Diversity Team's mailbox), so the interest is
theirs to follow up; the Corporate Recruitment Team is not given the list."""

import rules

from accounts.rules import is_diversity_placements_officer

rules.add_perm("outreach.follow_up_businesses", is_diversity_placements_officer)
