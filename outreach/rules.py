"""Who may do what with outreach events (django-rules). Anyone reads the published events
and registers without an account; a registration is cancelled through its emailed link.

The Diversity Placements Officer runs them (DOMAIN.md §1: "runs positive-action
workshops"; seed 003: the Diversity Team; seed 004's contact is the diversity mailbox).
A registration carries access needs and the role a person from an under-represented
group is considering: the officer who welcomes them needs them, nobody else does, so
the Corporate Recruitment Team and the Head of Resourcing are not given the lists."""

import rules

from accounts.rules import is_diversity_placements_officer

rules.add_perm("outreach.run_events", is_diversity_placements_officer)
