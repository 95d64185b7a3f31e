"""Small numbers in the equality reports (issue 12: "any count under 5 is shown as "<5" and
cannot be derived from totals (suppress secondary cells too)"; DOMAIN.md §3).

A report table is a body of counts (answers down, stages reached across) published with its
row totals, column totals and grand total. ``suppress`` decides what each cell shows:

1. Primary: every count from 1 to 4, totals included, reads "<5".
2. A row whose total is 1 to 4 hides its zeros too: "Muslim: 0, 0, <5" would tell which stage
   the few Muslim respondents reached (but not under a stage nobody reached: its column's 0
   total says so anyway). Other zeros read 0: nobody gave that answer.
3. Secondary: a reader who knows these rules may still work a hidden count out from what is
   published — a row's total less its other cells, then that result in a column, and so on.
   ``disclosed`` finds every cell that can be worked out, exactly: a table with its totals is
   a flow (each row total flows into the row's cells, each cell into its column's total, the
   column totals into the grand total, which flows back), and a hidden cell can hold another
   value than its own if and only if some cycle of hidden cells through it can carry one
   more, or one less, person while every cell stays within what its text says ("<5": 0 to 4;
   "5 or more": 5 upwards). Any two tables that agree with what is published differ by such
   cycles, so no cycle means the reader knows the count. While a cell is disclosed, one more
   published cell on a line through it is hidden — the cheapest: a 0 first (it then reads
   "<5", still true), then the smallest count; the body's cells before a row's total — and
   the check runs again.

The column totals (how many respondents reached each stage) and the grand total are never
hidden to protect another cell: every table of a report has the same ones, and a total hidden
in one table would be read in the next. The report makes them safe to show (reports.py: no
report under 5 respondents; a stage of 1 to 4 is merged with the one before). In the rare
table where hiding every other cell still leaves a count to work out, ``suppress`` answers
None and the report withholds the table."""

from collections import deque

SMALL = 5
FEW = "<5"
MANY = "5 or more"
UNBOUNDED = float("inf")  # "5 or more" has no ceiling


def with_totals(body: list[list[int]]) -> list[list[int]]:
    """``body`` with each row's total as its last column, and a last row of the column totals
    ending with the grand total."""
    if not body or not body[0]:
        raise ValueError("a table needs at least one row and one column")
    rows = [[*row, sum(row)] for row in body]
    return [*rows, [sum(column) for column in zip(*rows, strict=True)]]


def lines(rows: int, columns: int):
    """(cells, total cell) of every line of a body of ``rows`` by ``columns`` with its totals:
    each row (the totals row too), then each column (the totals column too)."""
    for i in range(rows + 1):
        yield [(i, j) for j in range(columns)], (i, columns)
    for j in range(columns + 1):
        yield [(i, j) for i in range(rows)], (rows, j)


class _Flow:
    """The table as a circulation: nodes "in" (row totals leave it), each row, each column and
    "out" (column totals reach it; the grand total goes from "out" back to "in"). Only hidden
    cells can change, so only they are arcs: one way if the cell can hold one more person
    within what its text says, the other way if it can hold one fewer."""

    def __init__(self, grid, hidden):
        self.rows, self.columns = len(grid) - 1, len(grid[0]) - 1
        self.arcs = set()
        for cell in hidden:
            value = grid[cell[0]][cell[1]]
            low, high = (0, SMALL - 1) if value < SMALL else (SMALL, UNBOUNDED)
            tail, head = self.ends(cell)
            if value < high:
                self.arcs.add((tail, head, cell))
            if value > low:
                self.arcs.add((head, tail, cell))
        self.leaving = {}
        for arc in self.arcs:
            self.leaving.setdefault(arc[0], []).append(arc)

    def ends(self, cell):
        i, j = cell
        if i == self.rows and j == self.columns:
            return "out", "in"
        if j == self.columns:
            return "in", ("row", i)
        if i == self.rows:
            return ("column", j), "out"
        return ("row", i), ("column", j)

    def can_change(self, cell, *, more: bool) -> bool:
        """Whether ``cell`` can gain (``more``) or lose one person along a cycle of other
        hidden cells: a path back from its head to its tail (breadth first)."""
        tail, head = self.ends(cell)
        if ((tail, head, cell) if more else (head, tail, cell)) not in self.arcs:
            return False
        start, goal = (head, tail) if more else (tail, head)
        seen, queue = {start}, deque([start])
        while queue:
            node = queue.popleft()
            if node == goal:
                return True
            for _tail, after, through in self.leaving.get(node, ()):
                if through != cell and after not in seen:
                    seen.add(after)
                    queue.append(after)
        return False


def disclosed(grid: list[list[int]], hidden: set) -> list:
    """The hidden cells a reader can work out exactly, in reading order."""
    flow = _Flow(grid, hidden)
    return sorted(
        cell for cell in hidden if not flow.can_change(cell, more=True) and not flow.can_change(cell, more=False)
    )


def _next_to_hide(grid, hidden, found):
    """The cheapest published cell, not a column total, on a line through one of the
    ``found`` (disclosed) cells, or else anywhere in the table; None when none is left."""
    rows, columns = len(grid) - 1, len(grid[0]) - 1
    near = {
        cell
        for cells, total in lines(rows, columns)
        if any(c in cells or c == total for c in found)
        for cell in [*cells, total]
    }
    # not a column total, nor a 0 under a stage nobody reached (the 0 total gives it away)
    everywhere = {(i, j) for i in range(rows) for j in range(columns + 1) if grid[rows][j]}
    candidates = [c for c in near & everywhere if c not in hidden] or [c for c in everywhere if c not in hidden]

    def cost(cell):
        i, j = cell
        return j == columns, grid[i][j], cell  # the body's cells before a row's total, then the smallest

    return min(candidates, key=cost, default=None)


def first_hidden(grid: list[list[int]]) -> set:
    """The cells hidden before any check: counts of 1 to 4 (1.), and the zeros of a row of 1 to 4 (2.)."""
    hidden = {(i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if 0 < value < SMALL}
    reached = [j for j, total in enumerate(grid[-1]) if total]  # a stage nobody reached says so in every row
    for i, row in enumerate(grid[:-1]):
        if 0 < row[-1] < SMALL:
            hidden.update((i, j) for j in reached)
    return hidden


def suppress(body: list[list[int]]) -> list[list[str]] | None:
    """What each cell of ``body`` with its totals (``with_totals``) shows: the count, "<5" or
    "5 or more"; None when no choice of cells to hide leaves every hidden count unknown."""
    grid = with_totals(body)
    hidden = first_hidden(grid)
    while found := disclosed(grid, hidden):
        cell = _next_to_hide(grid, hidden, found)
        if cell is None:
            return None
        hidden.add(cell)
    return [
        [(FEW if value < SMALL else MANY) if (i, j) in hidden else str(value) for j, value in enumerate(row)]
        for i, row in enumerate(grid)
    ]
