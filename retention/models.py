"""The disposal log (issue 13): one row per kind of record and run that disposed of
anything. It says what kind, how many, when and by which rule; never which person or
record (no ids, names or file names), so the log itself holds no personal data and can be
kept for as long as the force's audit needs."""

from django.db import models
from django.db.models import Q

ACTIONS = [("delete", "deleted"), ("anonymise", "anonymised")]


class DisposalLog(models.Model):
    ran_at = models.DateTimeField("when", db_index=True)
    kind = models.CharField(max_length=60)
    label = models.CharField("kind of record", max_length=200)
    action = models.CharField("what happened", max_length=10, choices=ACTIONS)
    rule = models.CharField("the rule", max_length=300)
    records = models.PositiveIntegerField("records")
    files = models.PositiveIntegerField("files removed", default=0)

    class Meta:
        verbose_name = "disposal log entry"
        verbose_name_plural = "disposal log"
        ordering = ["-ran_at", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=["delete", "anonymise"]), name="disposal_action_valid"),
            models.CheckConstraint(condition=Q(records__gt=0), name="disposal_logs_what_went"),
        ]

    def __str__(self):
        return f"{self.label}: {self.records} {self.get_action_display()}"
