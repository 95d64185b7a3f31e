"""One fixture per role (STYLE.md "Personas"). Staff personas have MFA set up, as they
must to reach any staff page; ``staff_without_mfa`` has not."""

import pytest

from accounts.roles import Role

from .factories import UserFactory

STAFF_PERSONAS = {
    "recruiter": Role.RECRUITMENT_TEAM,
    "diversity_officer": Role.DIVERSITY_PLACEMENTS_OFFICER,
    "vetting_officer": Role.VETTING_OFFICER,
    "escorting_officer": Role.ESCORTING_OFFICER,
    "student_officer": Role.STUDENT_OFFICER,
    "head_of_resourcing": Role.HEAD_OF_RESOURCING,
}
PUBLIC_PERSONAS = {
    "partner_contact": Role.PARTNER_CONTACT,
    "applicant": Role.APPLICANT,
    "volunteer_applicant": Role.VOLUNTEER,
}
ALL_PERSONAS = [*STAFF_PERSONAS, *PUBLIC_PERSONAS, "member_of_public", "staff_without_mfa"]


def make_persona(name):
    if name in STAFF_PERSONAS:
        return UserFactory(roles=[STAFF_PERSONAS[name]], mfa=True)
    if name in PUBLIC_PERSONAS:
        return UserFactory(roles=[PUBLIC_PERSONAS[name]])
    if name == "staff_without_mfa":
        return UserFactory(roles=[Role.RECRUITMENT_TEAM])
    if name == "member_of_public":
        return UserFactory()
    raise LookupError(name)


def _fixture(name):
    @pytest.fixture(name=name)
    def persona(db):
        return make_persona(name)

    return persona


for _name in ALL_PERSONAS:
    globals()[_name] = _fixture(_name)


__all__ = [*ALL_PERSONAS, "ALL_PERSONAS", "make_persona"]
