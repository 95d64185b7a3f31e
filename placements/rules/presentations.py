"""Who may reply to presentation invitations, give feedback, write a reflection and see
the cohort reports (seed 000: partners "are more than welcome to attend these
presentations"; the officers "prepare a short presentation").

Pages ask for a role here; which record a person may open is decided by the scoped
querysets in ``placements.selectors.presentations`` (someone else's record is a 404)."""

import rules

from accounts.rules import (
    is_diversity_placements_officer,
    is_head_of_resourcing,
    is_partner_contact,
    is_student_officer,
)


@rules.predicate
def is_officer_of_placement(user, placement):
    # asked without a placement ("may they download presentations at all?"): no
    return placement is not None and placement.officer.user_id == user.pk


# Partners' representatives reply to invitations and say how each placement went.
rules.add_perm("placements.reply_to_presentation", is_partner_contact)
rules.add_perm("placements.give_placement_feedback", is_partner_contact)
# The officer writes their own reflection and presentation summary.
rules.add_perm("placements.submit_reflection", is_student_officer)
# The officer's uploaded presentation: theirs, and the Diversity Placements Officer's.
rules.add_perm("placements.download_presentation", is_officer_of_placement | is_diversity_placements_officer)
# The Diversity Placements Officer runs the presentations; the Head of Resourcing reads.
rules.add_perm("placements.view_presentation_reports", is_diversity_placements_officer | is_head_of_resourcing)
rules.add_perm("placements.record_presentation_given", is_diversity_placements_officer)
# The sessions' replies and waiting lists (issue 9): the Diversity Placements Officer runs
# them and moves a session (change_session); the Head of Resourcing reads the numbers.
# Who is coming, by name, and their access needs are personal data: the officer alone
# needs them (to welcome them and arrange access).
rules.add_perm("placements.view_presentation_sessions", is_diversity_placements_officer | is_head_of_resourcing)
rules.add_perm("placements.see_presentation_attendees", is_diversity_placements_officer)
rules.add_perm("placements.move_presentation_session", is_diversity_placements_officer)
