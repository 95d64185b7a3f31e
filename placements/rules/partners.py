"""Predicates and permissions for partners."""

import rules  # noqa: F401
