"""Equality monitoring (issue 12; DOMAIN.md §3 "EqualityMonitoring"; seed 004's nine protected
characteristics).

After a public application or registration, the person is offered optional questions on a
page of their own. What the other apps use:

- ``sources.register(Source(...))``, once, from their AppConfig.ready: the record their form
  makes, the campaign, programme or event it belongs to and the stages it goes through;
- ``invitations.equality_invitation_url(record)``: where to send the person once their form
  is saved (a signed, single-use address that works for EQUALITY_INVITATION_DAYS).

The answers are kept apart (models.py) and read only as counts with small numbers hidden
(suppression.py, reports.py), by the Head of Resourcing and the Diversity Placements Officer."""
