"""The back office for placements, one module per part (each registers its models)."""

from . import cohorts, partners, placement_days, placements, presentations, work_experience  # noqa: F401
