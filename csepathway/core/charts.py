"""Charts drawn on the server as SVG (issue 12): no script, so the strict CSP holds and a chart
reads the same printed, in a PDF or with JavaScript off. Each chart carries the numbers it was drawn
from, and the template always shows them as a table beside it: the table is the accessible form,
the picture an aid.

The template (core/chart.html) only places what is worked out here: presenters keep the geometry
out of templates. Colours come from app.css classes (style attributes would break the CSP); series
also differ by dash and marker, so no one needs to tell colours apart."""

from dataclasses import dataclass, field

WIDTH = 640
ROW_HEIGHT = 28
LABEL_WIDTH = 220
PLOT_HEIGHT = 220
MARGIN_LEFT = 56
MARGIN_BOTTOM = 40
MARGIN_TOP = 16
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Row:
    """One bar: a label, its value and, where there is one, the list behind the figure."""

    label: str
    value: int
    href: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row, ranked or in a set order: counts by category."""

    title: str
    rows: tuple[Row, ...]
    value_heading: str = "Number"
    kind: str = field(default="bars", init=False)

    @property
    def height(self) -> int:
        return max(1, len(self.rows)) * ROW_HEIGHT + 8

    @property
    def bars(self) -> list[dict]:
        top = max((row.value for row in self.rows), default=0) or 1
        room = WIDTH - LABEL_WIDTH - 60
        return [{"row": row, "y": 4 + index * ROW_HEIGHT, "width": round(room * row.value / top, 1),
                 "label_x": LABEL_WIDTH - 8, "bar_x": LABEL_WIDTH,
                 "value_x": LABEL_WIDTH + round(room * row.value / top, 1) + 6}
                for index, row in enumerate(self.rows)]

    @property
    def summary(self) -> str:
        if not self.rows:
            return f"{self.title}: nothing to show."
        biggest = max(self.rows, key=lambda row: row.value)
        return f"{self.title}: {len(self.rows)} bars; the largest is {biggest.label} with {biggest.value}."


@dataclass(frozen=True)
class LineChart:
    """Lines over a shared run of points (months, or the dates of a child's assessments). With
    `levels`, the vertical axis is ordered words (risk levels) instead of numbers."""

    title: str
    points: tuple[str, ...]
    series: tuple[Series, ...]
    levels: tuple[str, ...] = ()
    point_heading: str = "Month"
    kind: str = field(default="lines", init=False)

    height: int = field(default=PLOT_HEIGHT + MARGIN_TOP + MARGIN_BOTTOM, init=False)

    def _top(self) -> float:
        if self.levels:
            return max(1, len(self.levels) - 1)
        values = [value for series in self.series for value in series.values if value is not None]
        return _nice_top(max(values, default=0))

    def _x(self, index: int) -> float:
        room = WIDTH - MARGIN_LEFT - 24
        if len(self.points) <= 1:
            return MARGIN_LEFT + room / 2
        return round(MARGIN_LEFT + room * index / (len(self.points) - 1), 1)

    def _y(self, value: float) -> float:
        return round(MARGIN_TOP + PLOT_HEIGHT * (1 - value / self._top()), 1)

    @property
    def gridlines(self) -> list[dict]:
        if self.levels:
            return [{"y": self._y(index), "label": level} for index, level in enumerate(self.levels)]
        top = self._top()
        return [{"y": self._y(top * step / 4), "label": _number(top * step / 4)} for step in range(5)]

    @property
    def axis_labels(self) -> list[dict]:
        # Every point is labelled when they fit; otherwise every n-th, the last always shown, and an
        # n-th too close before the last left out so the two never print over each other.
        every = max(1, -(-len(self.points) // 8))
        last = len(self.points) - 1
        return [{"x": self._x(index), "label": label} for index, label in enumerate(self.points)
                if index == last or (index % every == 0 and last - index >= every)]

    @property
    def lines(self) -> list[dict]:
        drawn = []
        for number, series in enumerate(self.series):
            dots = [{"x": self._x(index), "y": self._y(value), "value": value}
                    for index, value in enumerate(series.values) if value is not None]
            drawn.append({"series": series, "number": number % len(MARKERS), "marker": MARKERS[number % len(MARKERS)],
                          "path": " ".join(f"{dot['x']},{dot['y']}" for dot in dots), "dots": dots})
        return drawn

    @property
    def table_rows(self) -> list[dict]:
        return [{"point": point, "cells": [self._cell(series.values[index]) for series in self.series]}
                for index, point in enumerate(self.points)]

    def _cell(self, value) -> str:
        if value is None:
            return "–"
        if self.levels:
            return self.levels[int(value)]
        return _number(value)

    @property
    def summary(self) -> str:
        names = ", ".join(series.name for series in self.series)
        if not self.points:
            return f"{self.title}: nothing to show."
        return f"{self.title}: {names}, from {self.points[0]} to {self.points[-1]}."


def _nice_top(value: float) -> float:
    """A round number at or above `value` for the top of the axis, so gridlines read well."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
