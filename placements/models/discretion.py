"""Discretion (protocol 2.3): "The Head of HR Resourcing may exercise discretion to consider
reasonable exceptions to this protocol, where there is clear rationale on a case-by-case
basis." One exception waives one rule for one application (issue 10)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..enums import ExceptionRule
from .work_experience import EligibilityQuestion, WorkExperienceApplication


class DiscretionaryException(models.Model):
    SERVICE_OWNED_FIELDS = ("application", "rule", "question", "rationale", "granted_by")

    application = models.ForeignKey(WorkExperienceApplication, on_delete=models.PROTECT, related_name="exceptions")
    rule = models.CharField(max_length=20, choices=ExceptionRule.choices)
    # the one criterion waived, when the rule is a criterion
    question = models.ForeignKey(EligibilityQuestion, null=True, blank=True, on_delete=models.PROTECT)
    rationale = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["granted_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rule__in=ExceptionRule.values), name="exception_rule_valid"),
            models.CheckConstraint(condition=~Q(rationale=""), name="exception_has_rationale"),
            # a criterion names its question; no other rule does
            models.CheckConstraint(
                condition=Q(rule=ExceptionRule.CRITERION, question__isnull=False)
                | (~Q(rule=ExceptionRule.CRITERION) & Q(question__isnull=True)),
                name="exception_question_for_criterion",
            ),
            # one exception per rule per application (per criterion for criteria)
            models.UniqueConstraint(
                fields=["application", "rule"],
                condition=Q(question__isnull=True),
                name="exception_once_per_rule",
            ),
            models.UniqueConstraint(
                fields=["application", "question"],
                condition=Q(question__isnull=False),
                name="exception_once_per_criterion",
            ),
        ]

    def __str__(self):
        return f"{self.get_rule_display()}{f' ({self.question})' if self.question_id else ''} for {self.application}"
