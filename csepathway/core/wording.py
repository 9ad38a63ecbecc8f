"""What this area calls the multi-agency meeting, MASE or MACE (settings.MEETING_NAME), said the
same way on pages, in PDFs, emails and calendar invitations (docs/adr/0063).

The code keeps "MASE" in its names, URLs and stored codes; only what people read changes. Text
written with "MASE" in it goes through `say` (or `say_lazy` for text fixed when a module loads, such
as choice labels), which puts the area's words in its place. Text that carries what people typed is
built with `meeting_name()` instead, so nothing they wrote is rewritten."""

from django.conf import settings
from django.core import checks
from django.utils.functional import lazy

# The long form of the names areas use, when the deployment does not set MEETING_LONG_NAME.
LONG_NAMES = {
    "MASE": "multi-agency sexual exploitation",
    "MACE": "multi-agency child exploitation",
}
CODE_NAME = "MASE"
CODE_LONG_NAME = LONG_NAMES[CODE_NAME]


def meeting_name() -> str:
    return (getattr(settings, "MEETING_NAME", "") or CODE_NAME).strip()


def meeting_long_name() -> str:
    """The long form, in lower case as it reads mid-sentence ("a multi-agency child exploitation
    meeting"); `capfirst` it at the start of a sentence."""
    configured = (getattr(settings, "MEETING_LONG_NAME", "") or "").strip()
    return configured or LONG_NAMES.get(meeting_name().upper(), "multi-agency exploitation")


def say(text: str) -> str:
    """`text`, written with "MASE", in this area's words."""
    text = str(text)
    name = meeting_name()
    if name == CODE_NAME:
        return text
    long_name = meeting_long_name()
    return (text.replace(CODE_NAME, name)
            .replace(CODE_LONG_NAME.capitalize(), long_name[:1].upper() + long_name[1:])
            .replace(CODE_LONG_NAME, long_name))


say_lazy = lazy(say, str)


class MeetingWords:
    """The templates' `meeting`: `{{ meeting }}` is the name; `meeting.long_name` its long form.
    Read at each use, so a deployment's setting (or a test's) is what the page says."""

    def __str__(self) -> str:
        return meeting_name()

    @property
    def name(self) -> str:
        return meeting_name()

    @property
    def long_name(self) -> str:
        return meeting_long_name()


MEETING = MeetingWords()


def check_meeting_name(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    name = getattr(settings, "MEETING_NAME", "")
    if name and name.strip() and len(name.strip()) <= 12:
        return []
    return [checks.Error(f"MEETING_NAME is {name!r}; set it to the short name of the meeting, such as MASE or MACE "
                         "(12 characters at most).", id="core.E010")]
