"""Records as the API gives them: ids, dates, states and levels, each with the API paths to follow."""

API = "/api/v1"


def _or_none(value):
    return value or None


def episode_links(episode_id) -> dict[str, str]:
    return {"self": f"{API}/episodes/{episode_id}", "decision": f"{API}/episodes/{episode_id}/decision"}


def episode_out(episode) -> dict:
    return {
        "id": episode.pk, "child_id": episode.child_id, "state": episode.state,
        "risk_level": _or_none(episode.risk_level), "source": _or_none(episode.source),
        "submitted_at": episode.submitted_at, "decision_due_on": episode.decision_due_on,
        "decided_at": episode.decided_at, "closed_at": episode.closed_at,
        "closure_reason": _or_none(episode.closure_reason), "links": episode_links(episode.pk),
    }


def decision_out(episode) -> dict:
    """The latest decision (episodes.selectors prefetch the decision transitions newest first)."""
    latest = episode.decisions[0] if getattr(episode, "decisions", None) else None
    decided = latest is not None and episode.decided_at is not None
    outcome = None
    if decided:
        outcome = "mase_not_required" if latest.name.endswith("mase_not_required") else "mase_required"
    return {
        "episode_id": episode.pk, "decided": decided, "decided_at": episode.decided_at if decided else None,
        "outcome": outcome, "escalated": decided and "escalated" in latest.name,
        "risk_level": _or_none(episode.risk_level), "initial_mase_due_on": episode.initial_mase_due_on,
    }


def meeting_out(meeting) -> dict:
    items = getattr(meeting, "items_for_reader", [])
    return {
        "id": meeting.pk, "kind": meeting.kind, "state": meeting.state, "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at, "minutes_published_at": meeting.minutes_published_at,
        "episode_ids": [item.episode_id for item in items if not item.withheld],
        "links": {"self": f"{API}/meetings/{meeting.pk}"},
    }


def child_out(child) -> dict:
    return {"id": child.pk, "lcs_reference": _or_none(child.lcs_reference),
            "ehm_reference": _or_none(child.ehm_reference),
            "links": {"episodes": f"{API}/episodes?child_id={child.pk}"}}
