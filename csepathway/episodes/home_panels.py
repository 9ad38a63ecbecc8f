"""The episodes' sections of the home page (issue 12, point 1): what waits for this person, with
what comes next and by when."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import escape

from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import link, tag
from csepathway.core.wording import meeting_name, say

from . import selectors
from .models import State
from .presenters import state_tag

TITLES = {
    "advice": "Advice requested",
    "sign_off": "Assessments waiting for your sign-off",
    "screening": "Screenings waiting for your agreement",
    "reviews": "Reviews waiting for you",
    "mine": "Your episodes",
    "team": "Your team's open episodes",
}
ORDER = ("advice", "sign_off", "screening", "reviews", "mine", "team")


def next_step(episode) -> str:
    """What comes next for the episode, and by when, in the practitioner's words."""
    if getattr(episode, "waiting_for_sign_off", False):
        return "Waiting for your Team Manager's sign-off"
    if episode.state == State.RETURNED:
        return "Returned to you: change the assessment and send it again"
    if episode.state == State.DRAFT:
        return "Screen, assess and send to the CSE team"
    if episode.state == State.SUBMITTED:
        return f"CSE team decision due by {govuk_date(episode.decision_due_on)}"
    if episode.state == State.ESCALATED:
        return "The reviewers disagree: the CSE Team Manager decides"
    if episode.state == State.MASE_REQUIRED and episode.initial_mase_due_on:
        return f"Initial {meeting_name()} due by {govuk_date(episode.initial_mase_due_on)}"
    if episode.state == State.MASE_REQUIRED:
        return say("MASE meetings and actions")
    return say("Decided: no MASE needed")


def _rows(name: str, episodes, today) -> list[list[dict]]:
    def target(episode) -> str:
        # Advice asked for opens the page that answers it, with the question on it.
        return reverse("episodes:manager_advice" if name == "advice" else "episodes:detail", args=[episode.pk])

    def step(episode) -> dict:
        if name == "advice":
            return {"text": f"Asked {govuk_date(episode.asked_at)} by {episode.practitioner.get_full_name()}"}
        due = getattr(episode, "due", None)
        if due is not None and due < today:
            return {"html": f"{tag('Overdue', 'red')} {escape(next_step(episode))}"}
        return {"text": next_step(episode)}

    return [[{"html": link(target(e), e.child.full_name)}, {"html": state_tag(e.state)}, step(e)] for e in episodes]


def _summary_rows(summary: dict) -> list[dict]:
    """The workspace's counts; a late one as a red tag, so it stands out."""
    counted = [("Decisions waiting", summary["waiting"], ""), ("Decisions due today", summary["due_today"], ""),
               ("Decisions overdue", summary["overdue"], "red"),
               (say("Past a MASE timescale"), summary["meetings_late"], "red")]
    return [{"key": {"text": label},
             "value": {"html": tag(str(number), colour) if number and colour else str(number)}}
            for label, number, colour in counted]


def episodes_home_panel(request, user):
    lists = selectors.home_episode_lists(actor=user)
    summary = selectors.home_workspace_summary(actor=user)
    if not lists and summary is None:
        return None
    today = timezone.localdate()
    tables = [{"id": name, "title": TITLES[name], "count": lists[name].count,
               "rows": _rows(name, lists[name].episodes, today),
               "more": lists[name].count - len(lists[name].episodes)} for name in ORDER if name in lists]
    workspace = reverse("episodes:workspace")
    return "episodes/home_panel.html", {"tables": tables, "workspace": workspace, "sees_workspace": summary is not None,
                                        "summary": _summary_rows(summary) if summary else []}
