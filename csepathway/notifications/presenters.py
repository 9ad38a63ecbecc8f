"""What the notification pages and the header show. The child a notification is about is never
shown, nor anything but the email's own generic words."""

from django.urls import reverse
from markupsafe import Markup

from csepathway.core.formatting import govuk_datetime
from csepathway.core.presenters import tag

from . import access, selectors


def header_item(user, current_path: str) -> dict | None:
    """The header's entry, at the top right of every page: "Notifications (3 unread)", the word
    "unread" for screen readers only."""
    if not access.has_notifications(user):
        return None
    href = reverse("notifications:list")
    unread = selectors.unread_count(actor=user)
    html = Markup("Notifications")
    if unread:
        html = Markup('Notifications ({}<span class="govuk-visually-hidden"> unread</span>)').format(unread)
    return {"html": html, "href": href, "active": current_path == href}


def _safe_path(path: str) -> str | None:
    """Only a path inside the service becomes a link: never another site, never a script."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return None


def _first_paragraph(intro: str) -> str:
    """A calendar invite's introduction goes on to the meeting's time and answer links, meant for
    the email; the list shows what the email is about."""
    return intro.strip().split("\n\n", 1)[0].strip()


def notification_items(notifications) -> list[dict]:
    items = []
    for notification in notifications:
        # Every subject starts with the service's name, which the page already says.
        subject = notification.subject.removeprefix("CSE Pathway: ")
        subject = subject[:1].upper() + subject[1:]
        items.append({
            "id": str(notification.pk),
            "subject": subject,
            "summary": _first_paragraph(notification.intro),
            "href": _safe_path(notification.path),
            "when": govuk_datetime(notification.created_at),
            "unread": notification.read_at is None,
            "tag": tag("Unread", "blue") if notification.read_at is None else None,
            "mark_read_url": reverse("notifications:mark_read", args=[notification.pk]),
            # Which one, for screen readers: a column of identical "Mark as read" buttons says nothing.
            "mark_read_html": Markup('Mark as read<span class="govuk-visually-hidden">: {}</span>').format(subject),
        })
    return items
