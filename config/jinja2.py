"""The Jinja2 environment: GOV.UK macros, URL and static helpers, and our filters."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from csepathway.core import formatting
from csepathway.core.forms_rendering import govuk_error_summary, govuk_field
from csepathway.core.knowledge import knowledge_panels
from csepathway.core.wording import MEETING, say


def url(viewname: str, *args, **kwargs) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    project_loader = options.pop("loader", None)
    govuk_loader = PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")})
    loaders = [govuk_loader] + ([project_loader] if project_loader else [])
    options["loader"] = ChoiceLoader(loaders)
    # The GOV.UK template reads optional variables through attribute chains; a lenient
    # undefined lets those chains resolve to nothing instead of raising.
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    # The GOV.UK macros indent every tag on lines of their own; without the blank lines and indents
    # around block tags a long table is a third smaller (a region's meeting page was 287 KB).
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)  # noqa: S701 - autoescape is set above
    env.globals.update(
        url=url,
        static=static,
        govuk_field=govuk_field,
        govuk_error_summary=govuk_error_summary,
        knowledge_panels=knowledge_panels,
        service_name=settings.SERVICE_NAME,
        # MASE or MACE, as the area calls the meeting (core/wording.py).
        # Not `meeting`: the meeting pages pass the meeting itself by that name.
        wording=MEETING,
        preserve_lines=formatting.preserve_lines,
    )
    env.filters.update(
        govuk_date=formatting.govuk_date,
        govuk_datetime=formatting.govuk_datetime,
        govuk_time=formatting.govuk_time,
        say=say,
    )
    return env
