"""A page of a list too long to count on every view (a trail of millions of events): the rows of
this page, and whether there is a page after it, from one query of a page and one row more. The page
offers only "Previous" and "Next" (GOV.UK pagination without numbers)."""

import dataclasses

from django.db.models import Count, Q, Window

MAX_PAGE = 10_000  # beyond this, OFFSET costs too much: narrow the list instead


@dataclasses.dataclass
class WindowPage:
    object_list: list
    number: int
    has_next_page: bool

    def has_next(self) -> bool:
        return self.has_next_page

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(value) -> int:
    """A page number from the query string; anything else is the first page."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def window_page(queryset, number, per_page: int) -> WindowPage:
    number = page_number(number)
    start = (number - 1) * per_page
    rows = list(queryset[start:start + per_page + 1])
    return WindowPage(object_list=rows[:per_page], number=number, has_next_page=len(rows) > per_page)


@dataclasses.dataclass
class FirstRows:
    """The first rows of a list and how many it has in all (and how many meet each named condition)."""

    rows: list
    count: int
    counts: dict


def first_rows_and_count(queryset, limit: int, **conditions: Q) -> FirstRows:
    """The first `limit` rows of an ordered queryset and the size of the whole list, from one query: the
    counts are window aggregates over every row, worked out before the LIMIT. A home page's sections
    were each a count and then the same filtered query again for their first few rows. The queryset
    must not be distinct (a window counts the rows before DISTINCT)."""
    totals = {"whole_list_count": Window(Count("pk"))}
    totals |= {f"whole_list_{name}": Window(Count("pk", filter=condition)) for name, condition in conditions.items()}
    rows = list(queryset.annotate(**totals)[:limit])
    if not rows:
        return FirstRows(rows=[], count=0, counts=dict.fromkeys(conditions, 0))
    return FirstRows(rows=rows, count=rows[0].whole_list_count,
                     counts={name: getattr(rows[0], f"whole_list_{name}") for name in conditions})
