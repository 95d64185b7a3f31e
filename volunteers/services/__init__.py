"""Volunteer recruitment's services (seed 002): one function per state change (STYLE.md),
campaigns in campaigns.py and applications in applications.py."""
