"""Every write of the outreach app, one function per change (STYLE.md)."""
