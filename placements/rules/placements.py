"""Who may allocate and see community placements."""

import rules

from accounts.rules import is_diversity_placements_officer, is_head_of_resourcing


@rules.predicate
def is_linked_student_officer(user):
    return hasattr(user, "student_officer") and user.student_officer is not None


# The Diversity Placements Officer plans the placements; the Head of Resourcing may look.
rules.add_perm("placements.manage_allocation", is_diversity_placements_officer)
rules.add_perm("placements.view_allocation", is_diversity_placements_officer | is_head_of_resourcing)
rules.add_perm("placements.view_own_placements", is_linked_student_officer)
