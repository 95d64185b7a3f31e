"""The demo data (issue 10): "one journey completed to the end, with its sealed agreement":
a completed application whose checks were cleared, whose reference came in, whose
attendance was confirmed, and whose signed agreement is stored sealed and verifies on the
public page's check."""

from datetime import date

import pytest
from django.core.management import call_command

from accounts.demo import demo_email
from placements.demo import DEMO_COMPLETED
from placements.enums import ApplicationStatus, ProgrammeStatus
from placements.models import WorkExperienceApplication
from vetting.models import AgreementStatus
from vetting.sealing import verify_pdf
from vetting.services.agreements import agreement_of
from vetting.services.checks import vetting_cleared
from vetting.services.references import references_received

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_journey_completed_with_its_sealed_agreement(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (again: nothing twice)
    # the monitoring page's past programme has completed applications too, as figures only
    completed = WorkExperienceApplication.objects.get(
        status=ApplicationStatus.COMPLETED, applicant__email=demo_email(DEMO_COMPLETED[1])
    )
    assert completed.programme.status == ProgrammeStatus.FINISHED and completed.programme.ends_on < date.today()
    assert vetting_cleared(completed) and references_received(completed)
    assert completed.joining_instructions_sent_at and completed.attendance_confirmed_at
    assert completed.escorting_officer is not None

    agreement = agreement_of(completed)
    assert agreement.status == AgreementStatus.READY and agreement.signatures.count() == len(agreement.roles_to_sign)
    with agreement.pdf.open("rb") as stored:
        verification = verify_pdf(stored.read())
    assert verification.valid, verification.summary
    assert verification.issued is not None and verification.issued.record == completed
    assert verification.issued.issued_to == completed.applicant.full_name
