"""Publish a new version of a kind of configuration (the screening tool, risk levels, knowledge...)
from a JSON file, without code. Earlier versions stay, for the forms already made with them.

    manage.py publish_configuration screening_tool tool-v2.json --title "CSE screening tool v2"
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...configuration import configuration_publish
from ...models import ConfigurationVersion

# The keys each kind must carry for the pages that read it to work.
REQUIRED_KEYS = {
    ConfigurationVersion.Kind.SCREENING_TOOL: ("significant_indicators", "other_indicators", "vulnerabilities",
                                               "time_windows", "outcomes"),
    ConfigurationVersion.Kind.RISK_LEVELS: ("levels",),
    ConfigurationVersion.Kind.KNOWLEDGE: ("self_check",),
}


class Command(BaseCommand):
    help = "Publish a new version of a kind of configuration data from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ConfigurationVersion.Kind.values)
        parser.add_argument("path", help="A JSON file holding the configuration data (an object)")
        parser.add_argument("--title", required=True, help="A title for the new version, shown to users")

    def handle(self, *args, kind, path, title, **options):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not valid JSON: {error}") from error
        if not isinstance(data, dict):
            raise CommandError(f"{path} must hold a JSON object.")
        missing = [key for key in REQUIRED_KEYS.get(kind, ()) if key not in data]
        if missing:
            raise CommandError(f"{path} lacks what a {kind} configuration needs: {', '.join(missing)}")
        for key in REQUIRED_KEYS.get(kind, ()):
            items = data[key]
            if isinstance(items, list) and not all(isinstance(i, dict) and i.get("code") for i in items):
                raise CommandError(f"Every item of '{key}' in {path} needs a code.")
        version = configuration_publish(kind=kind, title=title, data=data)
        self.stdout.write(f"Published {version} ({version.title}).")
