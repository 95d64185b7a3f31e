"""The back office for vetting, one module per part."""

from . import agreements  # noqa: F401
