"""Reads used by more than one view: querysets with related rows fetched up front."""
