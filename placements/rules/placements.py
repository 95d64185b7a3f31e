"""Predicates and permissions for placements."""

import rules  # noqa: F401
