"""Reads of screenings and of the screening tool. Screenings are case data, scoped to the actor's
children; the tool itself is configuration, the same for everyone."""

import uuid

from django.core.exceptions import ValidationError

from csepathway.core.configuration import configuration_current
from csepathway.core.models import ConfigurationVersion

TOOL_KIND = ConfigurationVersion.Kind.SCREENING_TOOL


def screening_tool_current() -> ConfigurationVersion:
    return configuration_current(TOOL_KIND)


def screening_tool_get(version_id: uuid.UUID | str | None) -> ConfigurationVersion:
    """The tool version a form was rendered with (its id travels in the form), or the current one
    when the id is missing or names no version of the screening tool."""
    if version_id:
        try:
            return ConfigurationVersion.objects.get(kind=TOOL_KIND, pk=version_id)
        except (ConfigurationVersion.DoesNotExist, ValidationError, ValueError, TypeError):
            pass
    return screening_tool_current()
