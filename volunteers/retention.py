"""Volunteers' kinds of record in the retention schedule (issue 13; periods in
settings.RETENTION)."""

from django.db.models import Q
from django.db.models.functions import TruncYear

from accounts.retention import needed_by
from retention.registry import ANONYMISE, DELETE, Rule, register

from .enums import VolunteerApplicationStatus
from .models import MedicalCertificate, VolunteerApplication

ENDED = [VolunteerApplicationStatus.REJECTED, VolunteerApplicationStatus.WITHDRAWN]

register(
    Rule(
        kind="medical_certificates",
        label="Medical certificates of unsuccessful or withdrawn candidates",
        action=DELETE,
        due=lambda cutoff: MedicalCertificate.objects.filter(application__status__in=ENDED, uploaded_at__lt=cutoff),
        counted_from="it was uploaded",
        why="Health details nobody needs once the application has ended; the row and its file are deleted.",
    )
)


def _anonymise_applications(queryset):
    # The date of birth cannot be emptied (a column without nulls, checked on every
    # application): only its year is kept. A rejection keeps that it was rejected, not the note why.
    queryset.update(motivation="", availability="", date_of_birth=TruncYear("date_of_birth"))
    queryset.filter(status=VolunteerApplicationStatus.REJECTED).update(rejection_reason="(anonymised)")


def _holds_personal_data():
    return ~Q(motivation="") | ~Q(availability="")


register(
    Rule(
        kind="volunteer_applications",
        label="Unsuccessful or withdrawn volunteer applications",
        action=ANONYMISE,
        due=lambda cutoff: VolunteerApplication.objects.filter(
            _holds_personal_data(), status__in=ENDED, campaign__closes_at__lt=cutoff
        ),
        anonymise=_anonymise_applications,
        counted_from="the campaign closed",
        why="Anonymised, not deleted: the campaign's dashboard counts applications by outcome.",
    )
)

# An application keeps the applicant's account while it is live (a volunteer in service
# included) and, once it has ended, until it has been anonymised.
needed_by("volunteers.VolunteerApplication", "applicant", lambda: ~Q(status__in=ENDED) | _holds_personal_data())
