"""Reads of NRM referrals, scoped to the acting user through the episode they belong to. Every read
is audited with the child it is about; a referral outside the user's scope is a 404, and the refusal
is audited too."""

import uuid

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from csepathway.audit.scope import get_in_scope_or_404
from csepathway.audit.services import record
from csepathway.core.formatting import govuk_date

from .access import may_edit_referral, visible_referrals
from .models import NrmReferral, Outcome


def referral_get(*, actor, referral_id: uuid.UUID | str, purpose: str = "viewed") -> NrmReferral:
    scope = visible_referrals(actor).select_related("episode__child", "episode__practitioner", "episode__assessment",
                                                    "child", "first_responder", "created_by")
    return get_in_scope_or_404(scope, actor=actor, pk=referral_id, verb=f"nrm.{purpose}")


def referral_for_editing(*, actor, referral_id: uuid.UUID | str) -> NrmReferral:
    """A referral the actor may change: 404 if they may not see it, 403 if they may see but not change it."""
    referral = referral_get(actor=actor, referral_id=referral_id, purpose="opened_for_edit")
    if not may_edit_referral(actor, referral.episode):
        raise PermissionDenied
    return referral


def referral_for_episode(*, actor, episode) -> NrmReferral | None:
    """The episode's referral for its panel on the episode page (which has already checked and
    audited the read of the episode); the read of the referral's status is audited here."""
    referral = visible_referrals(actor).filter(episode=episode).first()
    if referral is not None:
        record(actor=actor, verb="nrm.status_viewed", obj=referral, child_id=referral.child_id)
    return referral


def _event(at, title: str, detail: str, href: str) -> dict:
    return {"at": at, "title": title, "detail": detail, "href": href}


def _decision(outcome: str) -> str:
    return "Positive" if outcome == Outcome.POSITIVE else "Negative"


def nrm_events_for_child(*, actor, child) -> list[dict]:
    """The NRM's part of the child's chronology: each referral made, its decisions and the guardian
    referral, for the referrals the actor may see. One query, however many referrals. The chronology
    page audits the read of the child's record."""
    events = []
    for referral in visible_referrals(actor).filter(child=child, referred_on__isnull=False).order_by("referred_on"):
        href = reverse("nrm:detail", args=[referral.pk])
        maker = referral.get_decision_maker_display()
        events.append(_event(referral.referred_on, "NRM referral made",
                             f"To the {maker}" + (f", reference {referral.reference}" if referral.reference else ""),
                             href))
        if referral.reasonable_grounds:
            events.append(_event(referral.reasonable_grounds_on, "NRM reasonable-grounds decision",
                                 f"{_decision(referral.reasonable_grounds)}, by the {maker}", href))
        if referral.conclusive_grounds:
            events.append(_event(referral.conclusive_grounds_on, "NRM conclusive-grounds decision",
                                 f"{_decision(referral.conclusive_grounds)}, by the {maker}", href))
        if referral.guardian_referred and referral.guardian_referred_on:
            events.append(_event(referral.guardian_referred_on, "Referred to an Independent Child Trafficking Guardian",
                                 f"After the NRM referral of {govuk_date(referral.referred_on)}", href))
    return events
