"""The equality monitoring answers (issue 12; DOMAIN.md §3 "stored apart from the
application it came with").

One row per person who answered, in a table of its own. What it keeps, and why no page,
admin list, export or API can lead from it to the person or the application:

- the answers, one column per characteristic (characteristics.py);
- the source: the campaign, programme or event the person applied or registered to, as
  a content type and an id (reports are "per campaign, programme and event");
- ``respondent_key``: an HMAC of the application's own identity, keyed with a secret
  held in the settings (``EQUALITY_RESPONDENT_KEY``), never in the database. Nothing can
  be looked up by it: the stage report recomputes the key of each of the source's
  applications and matches the two in memory, and a single-use invitation is single-use
  because the key is unique;
- a random id (UUID) and no timestamp, so that neither the order of the rows nor the
  moment one was written lines it up with the applications sent at that moment.

No ModelAdmin is registered for it and its model has no permissions at all
(``default_permissions = ()``): no role can be given the right to read a row."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from .characteristics import BY_FIELD, CHARACTERISTICS


def _answer_field(field):
    characteristic = BY_FIELD[field]
    return models.CharField(characteristic.name, max_length=32, blank=True, choices=characteristic.choices.choices)


class EqualityResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    respondent_key = models.CharField(max_length=64, unique=True)
    age_band = _answer_field("age_band")
    disability = _answer_field("disability")
    gender_reassignment = _answer_field("gender_reassignment")
    marriage_or_civil_partnership = _answer_field("marriage_or_civil_partnership")
    pregnancy_or_maternity = _answer_field("pregnancy_or_maternity")
    ethnic_group = _answer_field("ethnic_group")
    religion_or_belief = _answer_field("religion_or_belief")
    sex = _answer_field("sex")
    sexual_orientation = _answer_field("sexual_orientation")

    class Meta:
        default_permissions = ()
        indexes = [models.Index(fields=["source_type", "source_id"], name="equality_by_source")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{c.field}__in": [*c.choices.values, ""]}), name=f"equality_{c.field}_valid"
            )
            for c in CHARACTERISTICS
        ] + [
            # a row with no answer at all is a skip: nothing is kept (services.record_equality_answers)
            models.CheckConstraint(
                condition=~Q(**{c.field: "" for c in CHARACTERISTICS}), name="equality_answers_something"
            ),
        ]

    def __str__(self):
        return "Equality monitoring answers"
