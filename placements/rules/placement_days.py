"""Who may work with the placement days (protocol 3.5): escorting officers with their
own participants, the Corporate Recruitment Team (the supervisors) with every one, and
applicants with their own attendance and diary.

Pages ask for a role here; which participant a person may open is decided by the scoped
querysets in ``placements.selectors.placement_days`` (someone else's is a 404)."""

import rules

from accounts.rules import is_applicant, is_escorting_officer, is_recruitment_team

from ..enums import ENDED_APPLICATIONS


@rules.predicate
def is_escort_of(user, application):
    return application is not None and application.escorting_officer_id == user.pk


@rules.predicate
def participation_open(user, application):
    """State, not only role and relationship (issue 8 §6): once a participant has
    withdrawn, completed or been discontinued, their record is read, not added to."""
    return application is not None and application.status not in ENDED_APPLICATIONS


# Protocol 3.5.5: the escorting officer records activities and DRAs for their participants.
rules.add_perm("placements.escort_participants", is_escorting_officer | is_recruitment_team)
# ... for one participant: theirs (or any, for the supervisors), while it is under way.
rules.add_perm("placements.record_for_participant", (is_escort_of | is_recruitment_team) & participation_open)
# The supervisors: assign escorting officers, keep the Student Placement Risk Assessment,
# read every DRA, keep the daily register.
rules.add_perm("placements.supervise_placement_days", is_recruitment_team)
# Protocol 3.3.2 and 3.4.3: the applicant confirms attendance and keeps a diary.
rules.add_perm("placements.keep_own_placement", is_applicant)
