"""docs/THREAT_MODEL.md names the test that guards each threat: every test it names must exist, so
the page cannot drift into naming guards that were renamed or never written."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = re.compile(r"`((?:csepathway|tests)/[\w/]+\.py)((?:::\w+)?)`|`::(\w+)`")


def _references():
    """(file, test name or None) for each reference; a bare `::name` belongs to the file before it."""
    current = None
    for line in (ROOT / "docs" / "THREAT_MODEL.md").read_text().splitlines():
        for path, name, bare in REFERENCE.findall(line):
            if path:
                current = path
                yield path, name.removeprefix("::") or None
            elif bare and current:
                yield current, bare


def test_the_threat_model_names_tests_that_exist():
    references = list(_references())
    assert len(references) > 40
    missing = []
    for path, name in references:
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif name and not re.search(rf"^def {name}\b", file.read_text(), re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert not missing, "docs/THREAT_MODEL.md names tests that do not exist:\n" + "\n".join(missing)
