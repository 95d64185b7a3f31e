"""The back office for vetting, one module per part."""

from . import agreements, checks, references  # noqa: F401
