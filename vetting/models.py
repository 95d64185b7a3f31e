# Vetting checks, references, consent and Work Placement Agreements arrive with the
# vetting issue (DOMAIN.md §3 "Vetting, consent and agreements").
