"""Vetting's models, one module per topic (issue 10)."""

from .references import Reference

__all__ = ["Reference"]
