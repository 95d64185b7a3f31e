"""A reader of a published table, for the tests: every table of counts that agrees with what
is published (each figure shown, each "<5" from 0 to 4, each "5 or more" at least 5), and
which counts each hidden cell holds in one of them. It shares nothing with the flow check of
outreach/equality/suppression.py that it checks.

Trying every table one by one grows as the product of every cell's choices (minutes on some
4-by-3 tables), so the reader goes row by row and keeps only the column sums reached so far:
two partial tables with the same column sums can be finished in the same ways."""

from itertools import product

from outreach.equality.suppression import FEW, MANY, with_totals


def _agrees(text, value):
    if text == FEW:
        return 0 <= value < 5
    if text == MANY:
        return value >= 5
    return value == int(text)


def _plus(sums, row):
    return tuple(a + b for a, b in zip(sums, row, strict=True))


def _row_choices(shown, i, columns, ceiling):
    """Every row i agreeing with its published cells and total; a "5 or more" is tried up to
    the smallest published total it lies under."""

    def tried(j):
        text = shown[i][j]
        if text == FEW:
            return range(5)
        if text != MANY:
            return [int(text)]
        published = [int(t) for t in (shown[i][columns], shown[-1][j]) if t not in (FEW, MANY)]
        return range(5, min([*published, ceiling]) + 1)

    return [row for row in product(*(tried(j) for j in range(columns))) if _agrees(shown[i][columns], sum(row))]


def readings(body, shown) -> dict:
    """Hidden cell -> every count it holds in some table agreeing with ``shown``. With no
    published total above it, a "5 or more" is tried up to the grand total and 5 more."""
    rows, columns = len(body), len(body[0])
    grand = shown[rows][columns]
    ceiling = int(grand) if grand not in (FEW, MANY) else with_totals(body)[rows][columns] + 5
    choices = [_row_choices(shown, i, columns, ceiling) for i in range(rows)]

    caps = [int(t) if t not in (FEW, MANY) else ceiling for t in shown[rows][:columns]]

    def within(sums):
        return all(s <= cap for s, cap in zip(sums, caps, strict=True)) and sum(sums) <= ceiling

    reached = [{(0,) * columns}]  # column sums after each row, none above what is published
    for row_choices in choices:
        reached.append({after for sums in reached[-1] for row in row_choices if within(after := _plus(sums, row))})
    ends = {
        sums
        for sums in reached[rows]
        if all(_agrees(shown[rows][j], sums[j]) for j in range(columns)) and _agrees(grand, sum(sums))
    }
    finishing = [set() for _ in range(rows)] + [ends]  # column sums from which a table can end
    for i in reversed(range(rows)):
        finishing[i] = {sums for sums in reached[i] if any(_plus(sums, row) in finishing[i + 1] for row in choices[i])}

    hidden = {(i, j) for i in range(rows + 1) for j in range(columns + 1) if shown[i][j] in (FEW, MANY)}
    seen = {cell: set() for cell in hidden}

    def note(i, values):
        for j, value in enumerate(values):
            if (i, j) in hidden:
                seen[i, j].add(value)

    for i, row_choices in enumerate(choices):
        for row in row_choices:
            if any(_plus(sums, row) in finishing[i + 1] for sums in finishing[i]):
                note(i, [*row, sum(row)])
    for sums in ends:
        note(rows, [*sums, sum(sums)])
    return seen


def worked_out(body, shown) -> list:
    """The hidden cells a reader can tell the count of."""
    return sorted(cell for cell, values in readings(body, shown).items() if len(values) < 2)
