"""Reading and publishing versioned configuration data."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import ConfigurationVersion


def configuration_current(kind: str) -> ConfigurationVersion:
    """The newest published version of a kind of configuration."""
    return ConfigurationVersion.objects.filter(kind=kind, published_at__lte=timezone.now()).order_by("-version")[0]


@transaction.atomic
def configuration_publish(*, kind: str, title: str, data: dict) -> ConfigurationVersion:
    """Publish a new version (the previous ones stay, for the forms made with them)."""
    latest = ConfigurationVersion.objects.select_for_update().filter(kind=kind).aggregate(v=Max("version"))["v"]
    return ConfigurationVersion.objects.create(
        kind=kind, version=(latest or 0) + 1, title=title, data=data, published_at=timezone.now()
    )
