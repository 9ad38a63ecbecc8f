"""Pieces every app's presenters use: GOV.UK tags, links and pagination. Nothing here queries the
database."""

from urllib.parse import urlencode

from markupsafe import Markup

# GOV.UK tag colours by the words a page uses for them.
TAG_COLOURS = frozenset({"grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange",
                         "yellow"})


def tag(text: str, colour: str = "") -> Markup:
    """A GOV.UK tag: `colour` is one of TAG_COLOURS ("" for the default dark blue)."""
    colour = colour.removeprefix("govuk-tag--")
    if colour and colour not in TAG_COLOURS:
        raise ValueError(f"Not a GOV.UK tag colour: {colour!r}")
    classes = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return Markup('<strong class="{}">{}</strong>').format(classes, text)


def tag_cell(text: str, colour: str = "") -> dict:
    """A tag as a GOV.UK table cell or summary-list value."""
    return {"html": tag(text, colour)}


def person_name(user, default: str = "") -> str:
    """A person's display name, or `default` where there is nobody (an unallocated child, the
    service acting on its own)."""
    return user.display_name if user is not None else default


def link(href: str, text: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def pagination(page, base_url: str, params: dict | None = None, *, param: str = "page") -> dict | None:
    """GOV.UK pagination for a Django page: previous, next and the numbers near the current one. A
    page that was never counted (core.paging.WindowPage) gets previous and next only. `params` are
    kept in every link (the filters); `param` names the page number (two lists on one page each
    need their own)."""
    params = {k: v for k, v in (params or {}).items() if v}

    def href(number):
        return base_url + "?" + urlencode({**params, param: number}, doseq=True)

    if not hasattr(page, "paginator"):
        return _previous_next(page, href)
    if page.paginator.num_pages <= 1:
        return None

    items = []
    last = page.paginator.num_pages
    shown = sorted({1, last, *(n for n in (page.number - 1, page.number, page.number + 1) if 1 <= n <= last)})
    previous = 0
    for number in shown:
        if number > previous + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
        previous = number
    result = {"items": items}
    return result | (_previous_next(page, href) or {})


def _previous_next(page, href) -> dict | None:
    result = {}
    if page.has_previous():
        result["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        result["next"] = {"href": href(page.next_page_number())}
    return result or None
