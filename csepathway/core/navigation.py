"""Role-dependent navigation. Each app registers its own entries when it loads, so core stays
ignorant of the apps built on it."""

import dataclasses

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
