"""Who may do what in vetting (django-rules), one module per part."""

from . import references  # noqa: F401
