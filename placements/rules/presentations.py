"""Predicates and permissions for presentations."""

import rules  # noqa: F401
