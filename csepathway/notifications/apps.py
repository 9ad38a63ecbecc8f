from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Notifications in the service (issue 12, point 2; docs/adr/0053): every email queued for a
    person with an account is also listed for them here, with an unread count in the header, and
    a weekly digest they may ask for. It sits just above accounts: it needs the user, and the outbox
    tells it of each email through a listener, so nothing below imports it."""

    name = "csepathway.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from csepathway.core import navigation
        from csepathway.outbox import listeners

        from .presenters import header_item
        from .services import notifications_for_email

        listeners.register(notifications_for_email)
        navigation.register_account_item(header_item)
