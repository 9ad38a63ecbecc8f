"""A page of a list too long to count on every view (a trail of millions of events): the rows of
this page, and whether there is a page after it, from one query of a page and one row more. The page
offers only "Previous" and "Next" (GOV.UK pagination without numbers)."""

import dataclasses

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
