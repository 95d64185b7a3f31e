"""The one way forms are drawn now lives in kentplacements/rendering.py, where every app
(vetting too, which may not import placements: DOMAIN.md §2) takes it from."""

from kentplacements.rendering import RenderedForm, SearchForm, button, form_helper, group

__all__ = ["RenderedForm", "SearchForm", "button", "form_helper", "group"]
