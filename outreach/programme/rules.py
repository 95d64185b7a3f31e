"""Who may do what in the Positive Action Programme (django-rules).

The Diversity Placements Officer runs the programme (the "programme staff": DOMAIN.md §1,
seed 004's contact is the Diversity Team). Any staff member may be chosen as a buddy and
opens the pages of the candidates they buddy; another candidate's enrolment is a 404 to
them (selectors.enrolments_for_staff). Candidates use their own account."""

import rules

from accounts.rules import is_diversity_placements_officer, is_staff

rules.add_perm("outreach.run_programme", is_diversity_placements_officer)
rules.add_perm("outreach.buddy_candidates", is_staff)
