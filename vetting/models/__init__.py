"""Vetting's records (DOMAIN.md §3 "Vetting, consent and agreements"). One module per part."""

from .checks import VettingCheck

__all__ = ["VettingCheck"]
