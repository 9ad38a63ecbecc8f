"""Role-dependent navigation. Each app registers its own entries when it loads, so core stays
ignorant of the apps built on it."""

import dataclasses
from collections.abc import Callable

from django.urls import reverse


@dataclasses.dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.url_name] = item


def items_for(user, current_path: str = "") -> list[dict]:
    role = getattr(user, "role", None)
    visible = sorted((i for i in _items.values() if role in i.roles), key=lambda i: (i.order, i.label))
    result = []
    for item in visible:
        href = reverse(item.url_name)
        active = current_path == href or (href != "/" and current_path.startswith(href))
        result.append({"text": item.label, "href": href, "active": active})
    return result


# Entries about the person rather than a part of the service (their notifications), shown at the top
# right of every full page, above the service navigation, which has no room left for them at 1024 px
# (ADR 0048). A provider takes (user, current_path) and returns {"html" or "text", "href", "active"},
# or None. Each runs on every full page, so it must cost at most one cheap query.
AccountItemProvider = Callable[[object, str], dict | None]
_account_items: list[tuple[int, AccountItemProvider]] = []


def register_account_item(provider: AccountItemProvider, *, order: int = 100) -> None:
    if all(existing is not provider for _, existing in _account_items):
        _account_items.append((order, provider))
        _account_items.sort(key=lambda item: item[0])


def account_items_for(user, current_path: str = "") -> list[dict]:
    return [item for _, provider in _account_items if (item := provider(user, current_path)) is not None]
