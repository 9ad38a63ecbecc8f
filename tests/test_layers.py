"""The apps' layers hold (import-linter's contract in pyproject.toml, run by `make lint`), and the
contract really catches an import that runs upward: a copy of the code with one such import fails."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "csepathway", copy / "csepathway",
                    ignore=shutil.ignore_patterns("__pycache__", "jinja2", "static", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_layers_contract_holds():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 broken" not in result.stdout


def test_an_import_from_a_higher_app_breaks_the_contract(tmp_path):
    copy = _copy(tmp_path)
    assert _lint(copy).returncode == 0  # the copy alone holds, so the next failure is the import's
    upward = copy / "csepathway" / "children" / "upward.py"
    upward.write_text("from csepathway.episodes.models import Episode  # noqa: F401\n")

    result = _lint(copy)

    assert result.returncode != 0
    assert "csepathway.children.upward -> csepathway.episodes.models" in result.stdout


def test_an_app_missing_from_the_layers_breaks_the_contract(tmp_path):
    copy = _copy(tmp_path)
    (copy / "csepathway" / "newapp").mkdir()
    (copy / "csepathway" / "newapp" / "__init__.py").write_text("")

    assert _lint(copy).returncode != 0
