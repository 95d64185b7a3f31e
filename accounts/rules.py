"""Who may do what in accounts (django-rules). Relationship predicates for the
domain live in each app's own rules.py."""

import rules

from .roles import Role, has_role, is_staff_member


@rules.predicate
def is_staff(user):
    return is_staff_member(user)


def role_predicate(role):
    return rules.predicate(lambda user: has_role(user, role), name=f"has_role:{role}")


is_recruitment_team = role_predicate(Role.RECRUITMENT_TEAM)
is_diversity_placements_officer = role_predicate(Role.DIVERSITY_PLACEMENTS_OFFICER)
is_vetting_officer = role_predicate(Role.VETTING_OFFICER)
is_escorting_officer = role_predicate(Role.ESCORTING_OFFICER)
is_student_officer = role_predicate(Role.STUDENT_OFFICER)
is_head_of_resourcing = role_predicate(Role.HEAD_OF_RESOURCING)
is_partner_contact = role_predicate(Role.PARTNER_CONTACT)
is_applicant = role_predicate(Role.APPLICANT)
is_volunteer = role_predicate(Role.VOLUNTEER)

rules.add_perm("accounts.view_staff_dashboard", is_staff)
rules.add_perm("accounts.view_own_account", rules.is_authenticated)
# Sensitive reasons in the action log (accounts.audit.SENSITIVE_REASONS, issue 9).
rules.add_perm("accounts.see_vetting_reasons", is_vetting_officer)
rules.add_perm("accounts.see_conduct_reasons", is_recruitment_team | is_head_of_resourcing)
# Subject access and erasure (issue 13): DOMAIN.md §1 gives the Head of Resourcing retention and audit.
rules.add_perm("accounts.handle_personal_data_requests", is_head_of_resourcing)
