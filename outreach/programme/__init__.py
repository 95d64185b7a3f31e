"""The Positive Action Programme (seed 004: "Enrolment for candidates into the Positive Action
Programme which includes Application stage; the National SEARCH assessment and senior
interview", "Candidates being assigned to a buddy", "One-to-one support", "Familiarisation
experience"; DOMAIN.md §3 "PositiveActionEnrolment"; issue 12).

A candidate from an under-represented group applies to an intake with their account; the
Diversity Placements Officer (the programme staff) enrols them and assigns a buddy, a staff
member who logs their one-to-one support sessions. The notes of a session are read by that
buddy and the programme staff alone. Selection stays on merit: no recruitment decision page
reads anything from here (tests/test_programme_merit.py)."""
