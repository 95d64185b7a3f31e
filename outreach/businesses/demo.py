"""Local businesses' demo data (issue 12): five businesses that offered to support
recruitment, through the same services as the public form and the officer's page. Two are
new (the Diversity Placements Officer's "Businesses to follow up" count), one has been
contacted, one is supporting recruitment and one was not taken forward. Safe to run again."""

from .enums import BusinessOffer
from .models import BusinessInterest
from .services import mark_contacted, mark_supporting, not_taken_forward, register_business_interest

Offer = BusinessOffer
BUSINESSES = [
    {
        "business_name": "Medway Community Kitchen",
        "contact_name": "Kwame Asante",
        "job_title": "Owner",
        "login": "kwame.asante.kitchen",
        "phone": "01634 830123",
        "area": "Chatham",
        "offers": [Offer.VENUE, Offer.SPONSORSHIP],
        "offer_details": "Our function room seats 40; we can do tea, coffee and samosas.",
        "then": (),
    },
    {
        "business_name": "Thanet Cycle Hub",
        "contact_name": "Bethany Clarke",
        "job_title": "",
        "login": "bethany.clarke.cycles",
        "phone": "",
        "area": "Margate",
        "offers": [Offer.PROMOTION],
        "offer_details": "",
        "then": (),
    },
    {
        "business_name": "Ashford Print & Signs",
        "contact_name": "Harjit Dhillon",
        "job_title": "Managing director",
        "login": "harjit.dhillon.print",
        "phone": "01233 620456",
        "area": "Ashford",
        "offers": [Offer.PROMOTION, Offer.MENTORING],
        "offer_details": "",
        "then": ("contacted",),
    },
    {
        "business_name": "Gravesend Gurdwara Community Centre",
        "contact_name": "Simran Gill",
        "job_title": "Events coordinator",
        "login": "simran.gill.centre",
        "phone": "01474 534121",
        "area": "Gravesend",
        "offers": [Offer.VENUE, Offer.PROMOTION, Offer.OTHER],
        "offer_details": "Volunteers who speak Punjabi and can welcome families at an engagement day.",
        "then": ("contacted", "supporting"),
    },
    {
        "business_name": "Sevenoaks Lettings Ltd",
        "contact_name": "Oliver Grant",
        "job_title": "Branch manager",
        "login": "oliver.grant.lettings",
        "phone": "",
        "area": "Croydon",
        "offers": [Offer.SPONSORSHIP],
        "offer_details": "",
        "then": ("not_taken_forward",),
    },
]
NOTES = {
    "contacted": "Rang them: happy to help, would like the dates of the spring engagement days first.",
    "supporting": "Hall booked for the Gravesend engagement day; they will bring volunteers to welcome families.",
    "not_taken_forward": "The branch is in Croydon, outside Kent: thanked them by phone.",
}


def seed_businesses_demo(*, officer, domain) -> None:
    for spec in BUSINESSES:
        email = f"{spec['login']}@{domain}"
        if BusinessInterest.objects.filter(email=email).exists():
            continue
        details = {key: value for key, value in spec.items() if key not in ("login", "then")}
        interest = register_business_interest(**details, email=email)
        for step in spec["then"]:
            if step == "contacted":
                mark_contacted(interest, by=officer, note=NOTES[step])
            elif step == "supporting":
                mark_supporting(interest, by=officer, note=NOTES[step])
            else:
                not_taken_forward(interest, by=officer, reason=NOTES[step])
