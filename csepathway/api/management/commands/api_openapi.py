"""Write the API's OpenAPI document to docs/openapi.json (`manage.py api_openapi`, or `make openapi`);
`--check` fails when the committed file differs from what the code generates."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csepathway.api.api import api

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def openapi_text() -> str:
    return json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write (or --check) docs/openapi.json from the API's code."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check, **options):
        text = openapi_text()
        if check:
            if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
                raise CommandError("docs/openapi.json is out of date: run `make openapi`.")
            return
        DOCUMENT.write_text(text)
        self.stdout.write(f"Wrote {DOCUMENT}")
