"""Modules stay small: a module past about 400 lines is split into a package before it grows further
(the developers' guide). Migrations are generated and exempt."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def test_no_module_passes_the_limit():
    long = []
    for path in sorted((ROOT / "csepathway").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > LIMIT:
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not long, f"Split these modules (over {LIMIT} lines):\n" + "\n".join(long)
