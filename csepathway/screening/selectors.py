"""Reads of screenings and of the screening tool. Screenings are case data, scoped to the actor's
children; the tool itself is configuration, the same for everyone."""

import uuid

from django.db.models import QuerySet

from csepathway.children.access import visible_children
from csepathway.core.configuration import configuration_current
from csepathway.core.models import ConfigurationVersion

from .models import Screening

TOOL_KIND = ConfigurationVersion.Kind.SCREENING_TOOL


def screening_tool_current() -> ConfigurationVersion:
    return configuration_current(TOOL_KIND)


def screening_tool_get(version_id: uuid.UUID | str | None) -> ConfigurationVersion:
    """The tool version a form was rendered with (its id travels in the form), or the current one
    when the id is missing or names no version of the screening tool."""
    if version_id:
        try:
            return ConfigurationVersion.objects.get(kind=TOOL_KIND, pk=version_id)
        except (ConfigurationVersion.DoesNotExist, ValueError, TypeError):
            pass
    return screening_tool_current()


def screenings_for_child(*, actor, child) -> QuerySet[Screening]:
    """The child's screenings, newest first; none at all if the actor may not see the child."""
    return (Screening.objects.filter(child__in=visible_children(actor), child=child)
            .select_related("tool", "completed_by"))
