"""What episode pages show: state tags, risk level labels, task list rows."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from csepathway.assessments.models import RiskLevel
from csepathway.assessments.sign_off import LABELS as SIGN_OFF_LABELS
from csepathway.assessments.sign_off import SignOff, latest_sign_off, sign_off_state
from csepathway.core.charts import LineChart, Series
from csepathway.core.formatting import govuk_date
from csepathway.core.presenters import tag
from csepathway.core.wording import say
from csepathway.screening.models import Outcome
from csepathway.screening.services import challenge_waiting

from . import access, workflow
from .models import EDITABLE_STATES, State

_TAG_COLOURS = {
    State.DRAFT: "grey",
    State.SUBMITTED: "blue",
    State.RETURNED: "yellow",
    State.ESCALATED: "red",
    State.MASE_REQUIRED: "purple",
    State.MASE_NOT_REQUIRED: "green",
    State.CLOSED: "grey",
}


def state_tag(state: str) -> Markup:
    return tag(State(state).label, _TAG_COLOURS.get(state, ""))


def _status(text: str, colour: str = "") -> dict:
    if not colour:
        return {"text": text}
    return {"tag": {"text": text, "classes": colour}}


def _task(title: str, href: str | None, status: dict, hint: str = "") -> dict:
    item = {"title": {"text": title}, "status": status}
    if href:
        item["href"] = href
    if hint:
        item["hint"] = {"text": hint}
    return item


def episode_page(episode, user) -> dict:
    """The task list and the actions this user may take on this episode."""
    holder = access.holds_case(user, episode)
    editable = access.may_work_on(user, episode)
    # The page names each piece of advice's Team Manager: joined, not fetched one by one.
    advice = list(episode.manager_advice.select_related("manager"))
    conversations = list(episode.conversations.all())
    with_child = any(c.held_with == "child" for c in conversations)
    with_parents = any(c.held_with == "parents" for c in conversations)
    url = lambda name: reverse(name, args=[episode.pk]) if editable else None  # noqa: E731
    # After submission the case holder can still read what they sent.
    read = lambda name, item: reverse(name, args=[episode.pk]) if holder and item is not None else None  # noqa: E731

    screening = episode.screening
    at_risk = screening is not None and screening.outcome == Outcome.AT_RISK
    challenge = challenge_waiting(screening)
    assessment = episode.assessment
    proposed = bool(at_risk and assessment and assessment.proposed_risk_level)
    sign_off = latest_sign_off(assessment) if proposed else None
    signing = sign_off_state(assessment, sign_off) if proposed else None
    tasks = [
        _task("Team Manager's advice", url("episodes:manager_advice"),
              _status("Completed") if advice else _status("Not yet started", "govuk-tag--blue")),
        _task("Conversations with the child and parents or carers", url("episodes:conversation"),
              _status("Completed") if with_child and with_parents
              else _status("In progress", "govuk-tag--light-blue") if conversations
              else _status("Not yet started", "govuk-tag--blue")),
        _task("CSE screening", url("episodes:screening") or read("episodes:screening", episode.screening),
              _status(challenge.get_state_display(), "govuk-tag--yellow")
              if challenge is not None and challenge.state == challenge.State.WAITING
              else _status("Screen again", "govuk-tag--red") if challenge is not None
              else _status(screening.get_outcome_display()) if screening
              else _status("Not yet started", "govuk-tag--blue")),
        _task("Risk assessment",
              (url("episodes:assessment") if at_risk else None) or read("episodes:assessment", episode.assessment),
              _status("Cannot start yet") if not at_risk
              else _status("Completed") if assessment and assessment.proposed_risk_level and not editable
              else _status("In progress", "govuk-tag--light-blue") if assessment
              else _status("Not yet started", "govuk-tag--blue"),
              hint="" if at_risk else "Complete the screening first: the assessment follows an 'at risk' outcome"),
        _sign_off_task(episode, signing, sign_off, url("episodes:sign_off_request") if proposed else None),
        _task("Submit to the CSE team",
              url("episodes:submit") if proposed else None,
              _status("Submitted") if episode.submission_round and not editable
              else _status("Cannot start yet") if not proposed
              else _status("Not yet started", "govuk-tag--blue")),
    ]
    reviews = list(episode.reviews.select_related("reviewer").all())
    no_current_risk = None
    if screening is not None and screening.outcome == Outcome.NO_CURRENT_RISK and editable and challenge is None:
        meanings = {o["code"]: o["meaning"] for o in screening.tool.data.get("outcomes", [])}
        no_current_risk = meanings.get(Outcome.NO_CURRENT_RISK, "")
    return {
        "no_current_risk": no_current_risk,
        "screening_challenge": challenge,
        "sign_off": sign_off if signing in (SignOff.WAITING, SignOff.RETURNED) else None,
        "can_sign_off": signing == SignOff.WAITING and access.may_sign_off(user, episode),
        "can_agree_screening": challenge is not None and challenge.state == challenge.State.WAITING
        and access.may_agree_screening(user, episode),
        "state_tag": state_tag(episode.state),
        "tasks": tasks,
        "advice": advice,
        # A case holder may ask for advice at any step before closure, not only while drafting.
        "ask_advice": reverse("episodes:advice_request", args=[episode.pk])
        if holder and episode.state != State.CLOSED else None,
        "conversations": conversations,
        "show_tasks": holder or episode.state in EDITABLE_STATES,
        "can_review": workflow.allowed("review", user=user, episode=episode),
        "can_return": workflow.allowed("return", user=user, episode=episode),
        "can_decide_escalation": workflow.allowed(workflow.decision(mase_required=True, escalated=True), user=user,
                                                  episode=episode),
        "can_close": workflow.allowed("close", user=user, episode=episode),
        "reviews": reviews,
        "risk_history": list(episode.risk_level_changes.select_related("changed_by").all()),
        "transitions": list(episode.transitions.select_related("actor").all()),
    }


_SIGN_OFF_COLOURS = {SignOff.NOT_ASKED: "govuk-tag--blue", SignOff.WAITING: "govuk-tag--yellow",
                     SignOff.RETURNED: "govuk-tag--red", SignOff.CHANGED: "govuk-tag--red", SignOff.SIGNED_OFF: ""}


def _sign_off_task(episode, signing: SignOff | None, sign_off, href: str | None) -> dict:
    """The Team Manager's sign-off, between the assessment and sending it (docs/adr/0043)."""
    title = "Team Manager's sign-off"
    if signing is None:
        return _task(title, None, _status("Cannot start yet"), hint="Complete the risk assessment first")
    if not access.sign_off_needed(episode) and signing == SignOff.NOT_ASKED:
        return _task(title, href, _status("Not needed for early help"))
    if episode.submission_round and episode.state not in EDITABLE_STATES:
        # Sending moved the assessment's version on: what counts now is what was agreed before it went.
        agreed = sign_off is not None and sign_off.state == sign_off.State.AGREED
        return _task(title, None, _status(SIGN_OFF_LABELS[SignOff.SIGNED_OFF] if agreed else "Not needed"))
    return _task(title, href, _status(SIGN_OFF_LABELS[signing], _SIGN_OFF_COLOURS[signing]))


# What the "Waited" column says once the CSE team's decision clock has stopped.
NOT_WAITING = {"returned": "With the practitioner", "closed": "Closed"}


def workspace_rows(items) -> list[list[dict]]:
    rows = []
    for item in items:
        episode = item.episode
        link = reverse("episodes:detail", args=[episode.pk])
        waited = (f"{item.waited} working day{'s' if item.waited != 1 else ''}" if item.due
                  else NOT_WAITING.get(episode.state, "Decided"))
        if item.breached:
            waited_cell = {"html": tag("Overdue", "red") + Markup(" {}").format(waited), "classes": "app-breach"}
        else:
            waited_cell = {"text": waited}
        rows.append([
            {"html": Markup('<a class="govuk-link" href="{}">{}</a>').format(link, episode.child.full_name)},
            {"html": state_tag(episode.state)},
            {"text": episode.get_risk_level_display() or "Not given"},
            {"text": episode.practitioner.display_name},
            {"text": episode.team.name if episode.team else ""},
            {"text": govuk_date(episode.submitted_at)},
            waited_cell,
            _flags_cell(item.flags),
        ])
    return rows


def _flags_cell(flags) -> dict:
    """The meeting clocks registered by later apps, as tags; a breach marks the cell like a late decision."""
    if not flags:
        return {"text": ""}
    tags = Markup(" ").join(tag(flag.text, flag.colour) for flag in flags)
    return {"html": tags, "classes": "app-breach" if any(flag.breach for flag in flags) else ""}


def risk_chart(points) -> LineChart:
    """The child's levels as a step line: a level stands until the next assessment, review or MASE."""
    codes = list(RiskLevel.values)
    return LineChart(title=say("Risk level at each assessment, review and MASE"),
                     points=tuple(f"{timezone.localtime(p.at):%-d %b %Y}" for p in points),
                     series=(Series("Risk level", tuple(codes.index(p.level) for p in points)),),
                     levels=tuple(RiskLevel.labels), point_heading="Date", step=True)


def risk_rows(points) -> list[list[dict]]:
    return [[{"text": govuk_date(p.at)}, {"text": RiskLevel(p.level).label}, {"text": p.source},
             {"html": Markup('<a class="govuk-link" href="{}">Open the {}<span class="govuk-visually-hidden">: {}, {}'
                             '</span></a>').format(p.href, p.opens, p.source, govuk_date(p.at))}]
            for p in points]
