"""Vetting's back office, one module per part."""

from . import checks  # noqa: F401
