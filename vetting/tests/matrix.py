"""Vetting's rows of the permission matrix (tests/test_permission_matrix.py). The vetting
officer alone opens vetting's pages (DOMAIN.md §1: "the only role that sees vetting
detail"); every other staff member and the public are refused."""

from django.contrib.contenttypes.models import ContentType

from placements.tests.work_experience_factories import ApplicationFactory
from tests.factories import UserFactory
from tests.matrix import LOGIN, MFA, by_persona
from vetting.enums import WORK_EXPERIENCE_CHECKS
from vetting.services.checks import request_checks

VETTING_OFFICER_ONLY = by_persona("403", anonymous=LOGIN, staff_without_mfa=MFA, vetting_officer="200")

MATRIX = {
    "vetting_records": VETTING_OFFICER_ONLY,
    "vetting_record": VETTING_OFFICER_ONLY,
}
# An empty POST: refused as the GET is; the vetting officer gets the page again, nothing recorded.
POST_MATRIX = dict(MATRIX)
POST_DATA = {}


def url_arguments(people):
    application = ApplicationFactory(status="vetting")
    request_checks(application, WORK_EXPERIENCE_CHECKS, by=UserFactory())
    content_type = ContentType.objects.get_for_model(application)
    return {"vetting_record": {"content_type_id": str(content_type.pk), "object_id": str(application.pk)}}
