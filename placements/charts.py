"""Server-drawn bar charts for staff reports: an inline SVG with sizes worked out here,
so the page needs no script and no inline style (the CSP allows neither). The page
always shows the same figures as a table too."""

from dataclasses import dataclass

LABEL_WIDTH = 180  # room for the longest community name
PLOT_WIDTH = 340
BAR_HEIGHT = 24
GAP = 10
VALUE_ROOM = 40  # after the longest bar, for its figure


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the bar
    length: float
    middle: float  # where the label and the figure sit, vertically
    value_x: float  # where the figure starts


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_x: int  # labels end here (right-aligned)
    plot_x: int  # bars start here
    bar_height: int


def horizontal_bar_chart(items) -> BarChart:
    """``items``: (label, value) pairs, drawn top to bottom; the longest bar is the
    largest value, and a value of 0 has no bar but still shows its figure."""
    largest = max((value for _, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(PLOT_WIDTH * value / largest, 1)
        bars.append(Bar(label, value, y, length, y + BAR_HEIGHT / 2, LABEL_WIDTH + length + 6))
    return BarChart(
        bars=bars,
        width=LABEL_WIDTH + PLOT_WIDTH + VALUE_ROOM,
        height=GAP + len(bars) * (BAR_HEIGHT + GAP),
        label_x=LABEL_WIDTH - 8,
        plot_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )
