"""Start-up checks for the case-note adapter, so a misconfigured deployment says so at once rather
than after eight failed deliveries an hour later."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

from .adapters import ADAPTERS


@register()
def check_case_note_adapter(app_configs=None, **kwargs):
    adapter = getattr(settings, "CASE_NOTE_ADAPTER", "none")
    if adapter not in ADAPTERS:
        return [Error(f"CASE_NOTE_ADAPTER is {adapter!r}.", hint=f"Use one of: {', '.join(ADAPTERS)}.",
                      id="notes.E001")]
    errors = []
    if adapter == "webhook":
        url = urlsplit(getattr(settings, "CASE_NOTE_WEBHOOK_URL", ""))
        if url.scheme not in ("http", "https") or not url.netloc:
            errors.append(Error("CASE_NOTE_WEBHOOK_URL must be an http or https address.", id="notes.E002"))
        if not getattr(settings, "CASE_NOTE_WEBHOOK_SECRET", ""):
            errors.append(Error("CASE_NOTE_WEBHOOK_SECRET is empty: the receiver could not check the signature.",
                                id="notes.E003"))
    if adapter == "file" and not getattr(settings, "CASE_NOTE_FILE_DIR", ""):
        errors.append(Error("CASE_NOTE_FILE_DIR is empty.", id="notes.E004"))
    return errors
