"""The one place that says which status may follow which.

Each model keeps its allowed transitions in a single table next to it (STYLE.md:
"a reader sees the whole lifecycle at a glance"); services call ``check`` before
they write, so a refused move raises an error a user can read.
"""

from collections.abc import Mapping


class DomainError(Exception):
    """A rule of the service was broken; the message is safe to show to the user."""


class TransitionNotAllowed(DomainError):
    pass


class Workflow:
    def __init__(self, transitions: Mapping[str, frozenset[str] | set[str]]):
        self.transitions = {state: frozenset(targets) for state, targets in transitions.items()}

    def can(self, current: str, target: str) -> bool:
        return target in self.transitions.get(current, frozenset())

    def leading_to(self, target: str) -> frozenset[str]:
        """The states that may move to ``target``: the live ones, for an end such as withdrawn."""
        return frozenset(state for state, targets in self.transitions.items() if target in targets)

    def check(self, current: str, target: str) -> None:
        if not self.can(current, target):
            raise TransitionNotAllowed(f"This record cannot move from “{current}” to “{target}”.")
