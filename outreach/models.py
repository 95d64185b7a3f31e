# Positive-action events, enrolments and equality monitoring arrive with the outreach
# issue (DOMAIN.md §3 "Outreach and positive action").
