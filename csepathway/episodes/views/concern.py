"""Starting an episode and recording the concern: the Team Manager's advice and the conversations
with the child and with parents or carers."""

from django.contrib import messages
from django.shortcuts import redirect, render

from csepathway.accounts import selectors as account_selectors
from csepathway.children import selectors as child_selectors
from csepathway.core import access as page_access
from csepathway.core.pages import render_form_page
from csepathway.core.refusals import refusal_as_form_error

from .. import access, advice_services, selectors, services
from ..forms import AdviceRequestForm, ConcernForm, ConversationForm, ManagerAdviceForm


@page_access.roles_required(*access.CASE_HOLDERS)
def episode_start(request, child_id):
    child = child_selectors.child_get(actor=request.user, child_id=child_id, for_change=True)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        episode = services.episode_start(actor=request.user, child=child, concern=form.cleaned_data["concern"])
        messages.success(request, "Your concern has been recorded. Work through the steps below.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/concern.html", {
        "page_title": f"Record a CSE concern about {child.full_name}", "form": form, "child": child,
        "page_has_errors": bool(form.errors),
    })


@page_access.roles_required(*access.CASE_HOLDERS)
def manager_advice_add(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    managers = account_selectors.team_manager_list()
    # A Team Manager answering a request records their own advice: they are the one who gave it.
    initial = {"manager": request.user.pk} if managers.filter(pk=request.user.pk).exists() else {}
    form = ManagerAdviceForm(request.POST or None, managers=managers, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.manager_advice_record(actor=request.user, episode=episode, **form.cleaned_data)
        messages.success(request, "The Team Manager's advice has been recorded.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(request, form, title="Record the Team Manager's advice", submit_text="Save advice",
                            template="episodes/advice_form.html", episode=episode,
                            questions=selectors.advice_questions(actor=request.user, episode=episode))


@page_access.roles_required(*access.CASE_HOLDERS)
def advice_request_add(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = AdviceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_as_form_error(form):
            advice_services.advice_request(actor=request.user, episode=episode, question=form.cleaned_data["question"])
            messages.success(request, "Your Team Managers have been asked for advice.")
            return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(request, form, title="Ask your Team Manager for advice", submit_text="Ask for advice",
                            template="episodes/form_page.html", episode=episode)


@page_access.roles_required(*access.CASE_HOLDERS)
def conversation_add(request, episode_id):
    episode = selectors.episode_get(actor=request.user, episode_id=episode_id)
    form = ConversationForm(request.POST or None, initial={"held_with": request.GET.get("with", "")})
    if request.method == "POST" and form.is_valid():
        services.conversation_record(actor=request.user, episode=episode, **form.cleaned_data)
        messages.success(request, "The conversation has been recorded.")
        return redirect("episodes:detail", episode_id=episode.pk)
    return render_form_page(request, form, title="Record a conversation with the child or their parents or carers",
                            submit_text="Save conversation", template="episodes/form_page.html", episode=episode)
