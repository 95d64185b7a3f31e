"""A reader of a published table, for the tests: every table of counts that agrees with what
is published (each figure shown, each "<5" from 0 to 4, each "5 or more" at least 5),
found by trying them all. Slow, so only for small tables; it shares nothing with the flow
check of outreach/equality/suppression.py that it checks."""

from itertools import product

from outreach.equality.suppression import FEW, MANY, with_totals


def _agrees(text, value):
    if text == FEW:
        return 0 <= value < 5
    if text == MANY:
        return value >= 5
    return value == int(text)


def readings(body, shown) -> dict:
    """Hidden cell -> every count it holds in some table agreeing with ``shown``. Counts are
    tried up to the largest published total a cell lies under (or the grand total and 5 more)."""
    rows, columns = len(body), len(body[0])
    grid = with_totals(body)
    published = [int(t) for t in (shown[rows][columns],) if t not in (FEW, MANY)]

    def tried(i, j):
        text = shown[i][j]
        if text not in (FEW, MANY):
            return [int(text)]
        if text == FEW:
            return range(5)
        ceilings = [int(t) for t in (shown[i][columns], shown[rows][j]) if t not in (FEW, MANY)]
        return range(5, min([*ceilings, *published, grid[rows][columns] + 5]) + 1)

    choices = [
        [
            values
            for values in product(*(tried(i, j) for j in range(columns)))
            if _agrees(shown[i][columns], sum(values))
        ]
        for i in range(rows)
    ]
    hidden = [(i, j) for i in range(rows + 1) for j in range(columns + 1) if shown[i][j] in (FEW, MANY)]
    seen = {cell: set() for cell in hidden}
    for table in product(*choices):
        full = with_totals([list(row) for row in table])
        if all(_agrees(shown[rows][j], full[rows][j]) for j in range(columns + 1)):
            for i, j in hidden:
                seen[i, j].add(full[i][j])
    return seen


def worked_out(body, shown) -> list:
    """The hidden cells a reader can tell the count of."""
    return sorted(cell for cell, values in readings(body, shown).items() if len(values) < 2)
