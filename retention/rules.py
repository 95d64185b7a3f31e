"""Who previews the disposal: the Head of Resourcing (DOMAIN.md §1: "reports, retention
and disposal, audit"; seed 001 §8.3 names them the contact point for retention)."""

import rules

from accounts.rules import is_head_of_resourcing

rules.add_perm("retention.preview_disposal", is_head_of_resourcing)
