"""Who may do what in placements (django-rules), one module per part."""

from . import partners, placements, presentations  # noqa: F401
