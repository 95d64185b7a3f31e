"""What a partner's reply to a presentation invitation must say (DOMAIN.md §3: "partners'
representatives are invited and RSVP (names, numbers, access needs)"). The form shows
these problems next to its fields; the service refuses the same reply."""

MAX_ATTENDEES = 10


def attendee_list(text: str) -> list[str]:
    """One name per line; blank lines and stray spaces do not count as people."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def attendee_problems(attendees: int | None, names: list[str]) -> dict[str, str]:
    """Field name -> what is wrong with an "attending" reply; empty when it is fine."""
    if attendees is None or not 1 <= attendees <= MAX_ATTENDEES:
        return {"attendees": f"Enter how many people will attend, from 1 to {MAX_ATTENDEES}."}
    if len(names) != attendees:
        people = "person" if attendees == 1 else "people"
        return {
            "attendee_names": f"You said {attendees} {people} will attend: enter {attendees} "
            f"{'name' if attendees == 1 else 'names'}, one per line (you entered {len(names)})."
        }
    return {}
