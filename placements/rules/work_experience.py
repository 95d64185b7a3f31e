"""Who may do what in work experience (seed 001). Anyone may read about open programmes
and apply with an account; an applicant's own applications are found through a queryset
scoped to them (``selectors.work_experience.applications_of``), so another person's is a
404, not a 403 (STYLE.md "Permissions"). The recruitment team runs the programmes
(protocol 3.2.1) and the Head of Resourcing, who monitors the protocol (7.1), looks on."""

import rules

from accounts.rules import is_head_of_resourcing, is_recruitment_team

rules.add_perm("placements.view_programme_dashboard", is_recruitment_team | is_head_of_resourcing)
# Issue 10: the recruitment team moves an application through its steps (protocol 3.2–3.3);
# the Head of Resourcing reads it, to weigh an exception (2.3).
rules.add_perm("placements.view_application", is_recruitment_team | is_head_of_resourcing)
rules.add_perm("placements.decide_applications", is_recruitment_team)
# Protocol 2.3: the Head of HR Resourcing, and only that role, makes exceptions.
rules.add_perm("placements.grant_exceptions", is_head_of_resourcing)
# Protocol 7.1: "Monitoring will be undertaken by the Head of Resourcing", who reviews the protocol.
rules.add_perm("placements.monitor_work_experience", is_head_of_resourcing)
