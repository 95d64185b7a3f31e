"""Reads of the staff list and the back office (STYLE.md "Reads": one number of queries for
1 business or 50)."""

from .models import BusinessInterest


def staff_business_interests(status=None):
    """Newest first, with who followed each up."""
    rows = BusinessInterest.objects.select_related("contacted_by", "decided_by")
    return rows.filter(status=status) if status else rows
