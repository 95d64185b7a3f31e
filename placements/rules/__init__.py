"""Who may do what in placements (django-rules), one module per part."""

from . import partners, placement_days, placements, presentations, work_experience  # noqa: F401
