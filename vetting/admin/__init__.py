"""Vetting's back office, one module per topic (issue 10)."""

from . import references  # noqa: F401
