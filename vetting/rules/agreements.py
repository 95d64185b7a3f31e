"""The Work Placement Agreement: the recruitment team, who run the programme (protocol
3.2.1), download any signed agreement; a participant finds their own through a queryset
scoped to them (views.agreements), so another person's is a 404. The guardian has no
account: their consent link is their key (services.agreements)."""

import rules

from accounts.rules import is_recruitment_team

rules.add_perm("vetting.download_agreement", is_recruitment_team)
