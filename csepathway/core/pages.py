"""Rendering the one-form page every app uses (jinja2/core/form_page.html), so each view says only
what is its own: the title, the button, where "Back" goes."""

from django.shortcuts import render


def posted(request):
    """The data a form is bound to. Not `request.POST or None`: a POST with every field left empty
    must still be checked, and answered with its errors."""
    return request.POST if request.method == "POST" else None


def render_form_page(request, form, *, title: str, submit_text: str = "Save", back_href: str = "",
                     back_text: str = "Back", template: str = "core/form_page.html", status: int = 200, **extra):
    """`template` may be an app's own extension of the core page that sets its back link and caption
    from the context (episodes/form_page.html)."""
    return render(request, template, {
        "page_title": title, "form": form, "page_has_errors": bool(form.is_bound and form.errors),
        "submit_text": submit_text, "back_href": back_href, "back_text": back_text, **extra,
    }, status=status)
