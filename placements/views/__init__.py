"""Placements pages, one module per part; each has its own ``urlpatterns``."""
