"""Local businesses supporting recruitment (issue 12; seed 004: "To find out more about how
you can support Kent Police recruitment as a local business in the Kent community please
click here"; DOMAIN.md §3: "Businesses can register interest in supporting recruitment").

A business registers its interest on a public form linked from the positive-action page:
who they are, who to contact and what they could offer (a venue for an event, promoting
events, sponsorship or refreshments, mentoring or talks, something else). The Diversity
Placements Officer sees the new ones counted on the staff home ("Businesses to follow up"),
contacts each, and records whether they are supporting recruitment or not taken forward.

Kept in a package of its own, like outreach/equality/: models.py (imported by
outreach/models.py), services.py (one function per change), views.py and urls.py (the public
form and the staff pages), admin.py (imported by outreach/admin.py), queues.py and rules.py
(imported from OutreachConfig.ready), demo.py (called by seed_demo)."""
