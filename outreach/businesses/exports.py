"""What the back office exports of businesses' interest, column by column (issue 8): names
and labels, never an ID or a code. The follow-up notes are the staff's, and so is the export."""

from kentplacements.spreadsheets import ExportResource, column, datetime_column, yes_no_column

from .enums import BusinessOffer
from .models import BusinessInterest


class BusinessInterestResource(ExportResource):
    business_name = column("Business", "business_name")
    area = column("Town or area", "area")
    contact_name = column("Contact", "contact_name")
    job_title = column("Role or job title", "job_title")
    email = column("Email", "email")
    phone = column("Phone", "phone")
    offers_venue = yes_no_column(BusinessOffer.VENUE.label, "offers_venue")
    offers_promotion = yes_no_column(BusinessOffer.PROMOTION.label, "offers_promotion")
    offers_sponsorship = yes_no_column(BusinessOffer.SPONSORSHIP.label, "offers_sponsorship")
    offers_mentoring = yes_no_column(BusinessOffer.MENTORING.label, "offers_mentoring")
    offers_other = yes_no_column(BusinessOffer.OTHER.label, "offers_other")
    offer_details = column("Anything else", "offer_details")
    status = column("Status", "get_status_display")
    received = datetime_column("Received", "received_at")
    contacted_by = column("Contacted by", "contacted_by")
    contacted = datetime_column("Contacted", "contacted_at")
    decided_by = column("Outcome recorded by", "decided_by")
    decided = datetime_column("Outcome recorded", "decided_at")
    reason = column("Why not taken forward", "not_taken_forward_reason")
    notes = column("Follow-up notes", "follow_up_note")
    related = ("contacted_by", "decided_by")

    class Meta:
        model = BusinessInterest
        fields = (
            "business_name",
            "area",
            "contact_name",
            "job_title",
            "email",
            "phone",
            "offers_venue",
            "offers_promotion",
            "offers_sponsorship",
            "offers_mentoring",
            "offers_other",
            "offer_details",
            "status",
            "received",
            "contacted_by",
            "contacted",
            "decided_by",
            "decided",
            "reason",
            "notes",
        )
