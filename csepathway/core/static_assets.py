"""Front-end packages come from npm (node_modules), never copied into the repository. Only the
few built files a page loads are collected: the packages ship thousands of sources and maps."""

import fnmatch
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from whitenoise.middleware import WhiteNoiseMiddleware


def _npm_packages() -> dict[str, tuple[Path, list[str]]]:
    node_modules = Path(settings.BASE_DIR) / "node_modules"
    return {
        "govuk": (node_modules / "govuk-frontend" / "dist" / "govuk",
                  ["govuk-frontend.min.css", "govuk-frontend.min.css.map", "govuk-frontend.min.js",
                   "govuk-frontend.min.js.map", "assets/*"]),
        "htmx": (node_modules / "htmx.org" / "dist", ["htmx.min.js", "htmx.min.js.map"]),
    }


class NpmAssetsFinder(BaseFinder):
    """Finds the whitelisted built files of our npm packages under a prefix (govuk/, htmx/)."""

    def check(self, **kwargs):
        return []

    def _allowed(self, patterns: list[str], relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)

    def find(self, path, find_all=False, **kwargs):
        matches = []
        for prefix, (root, patterns) in _npm_packages().items():
            if path.startswith(prefix + "/"):
                relative = path[len(prefix) + 1:]
                candidate = root / relative
                if self._allowed(patterns, relative) and candidate.is_file():
                    if not find_all:
                        return str(candidate)
                    matches.append(str(candidate))
        return matches if find_all else []

    def list(self, ignore_patterns):
        for prefix, (root, patterns) in _npm_packages().items():
            storage = FileSystemStorage(location=str(root))
            storage.prefix = prefix
            for file in sorted(root.rglob("*")):
                relative = file.relative_to(root).as_posix()
                if file.is_file() and self._allowed(patterns, relative):
                    yield relative, storage


# GOV.UK Frontend names its fonts by their content ("bold-b542beb274-v2.woff2"): a new release brings
# new names, so a browser may keep these for good.
_FINGERPRINTED_FONT = re.compile(r"^/assets/fonts/[a-z]+-[0-9a-f]{10}-v\d+\.woff2?$")


class GovukAssetsWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    """GOV.UK Frontend's compiled CSS asks for fonts and images at /assets/; serve them there, the
    fingerprinted fonts cached for a year and marked immutable, the rest briefly."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        root, _ = _npm_packages()["govuk"]
        self.add_files(str(root / "assets"), prefix="assets/")

    def immutable_file_test(self, path, url):
        return bool(_FINGERPRINTED_FONT.match(url)) or super().immutable_file_test(path, url)
