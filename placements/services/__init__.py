"""Every write in placements: one verb-first function per state change (STYLE.md),
one module per part: partners, placements (offers, allocation), presentations."""
