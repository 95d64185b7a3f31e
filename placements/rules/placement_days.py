"""Predicates and permissions for placement_days."""

import rules  # noqa: F401
