"""Predicates and permissions for work_experience."""

import rules  # noqa: F401
