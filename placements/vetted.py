"""Work-experience applications as vetting subjects (vetting.subjects): what vetting needs
to know about the applicant and the programme, and the services vetting's decisions call
(protocol 3.3.1: vetting in line with Force Policy P04)."""

from vetting import subjects

from .models import WorkExperienceApplication
from .services.work_experience import record_clearance


def describe(application: WorkExperienceApplication) -> subjects.Subject:
    programme, applicant = application.programme, application.applicant
    # Protocol 3.5.3: a parent or guardian consents for a participant under 18 on the first day.
    guardian = application.needs_guardian_consent
    return subjects.Subject(
        person_name=applicant.full_name,
        email=applicant.email,
        date_of_birth=application.date_of_birth,
        guardian_name=application.guardian_name if guardian else "",
        guardian_email=application.guardian_email if guardian else "",
        title=f"Work experience: {programme.title}",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        account=applicant,
    )


def _cleared(application, *, by):
    record_clearance(application, by=by, cleared=True)


def _refused(application, *, by):
    record_clearance(application, by=by, cleared=False)


subjects.register(
    WorkExperienceApplication, describe=describe, on_vetting_cleared=_cleared, on_vetting_refused=_refused
)
