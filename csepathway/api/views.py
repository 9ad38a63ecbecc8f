"""The API's endpoints (version 1). Thin, as the pages are: each calls one selector or service as the
system's service account and turns the result into its schema. Who may see what is decided by the
apps' own scopes; out of scope is 404, like missing."""

import uuid

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError

from . import presenters, selectors, services
from .auth import TokenAuth
from .models import Scope
from .referrals import Referral, referral_receive
from .schemas import (
    AcknowledgementOut,
    ChildList,
    DecisionOut,
    EpisodeOut,
    EpisodePage,
    MeetingOut,
    MeetingPage,
    Problem,
    ReferralIn,
    ReferralOut,
)

router = Router()
READ, REFERRALS, CASE_NOTES = TokenAuth(Scope.READ), TokenAuth(Scope.REFERRALS_WRITE), TokenAuth(Scope.CASE_NOTES_WRITE)
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
# A body that is not JSON at all is 400 (ninja cannot parse it); one that does not validate, 422.
POST_ERRORS = {400: Problem, **ERRORS}
PAGE = Query(1, ge=1, le=100000, description="Page number, 50 to a page")


@router.post("/referrals", auth=REFERRALS, response={200: ReferralOut, 201: ReferralOut, **POST_ERRORS},
             summary="Send a referral to the CSE team", tags=["referrals"])
def referral_post(request: HttpRequest, referral: ReferralIn):
    """Find or record the child by the source system's reference, then start the episode and submit its
    assessment to the CSE team in the named practitioner's name. 201 when created; the same
    `referral_id` again answers 200 with the same episode and creates nothing."""
    if referral.source != request.system.kind:
        raise HttpError(422, f"This system sends referrals from {request.system.kind}, not {referral.source}.")
    screening = referral.screening
    episode, created = referral_receive(actor=request.service_account, system=request.system, referral=Referral(
        referral_id=referral.referral_id, source=referral.source, child_reference=referral.child.reference,
        first_name=referral.child.first_name, last_name=referral.child.last_name,
        date_of_birth=referral.child.date_of_birth, gender=referral.child.gender,
        practitioner_email=referral.practitioner_email, team_manager_email=referral.team_manager_email,
        concern=referral.concern, screening_reason=screening.reason,
        significant_indicators=dict(screening.significant_indicators),
        other_indicators=list(screening.other_indicators), vulnerabilities=list(screening.vulnerabilities),
        proposed_risk_level=referral.proposed_risk_level, risk_rationale=referral.risk_rationale))
    body = {"episode_id": episode.pk, "child_id": episode.child_id, "state": episode.state, "created": created,
            "links": presenters.episode_links(episode.pk)}
    return Status(201 if created else 200, body)


@router.post("/case-notes/{note_id}/acknowledgement", auth=CASE_NOTES,
             response={200: AcknowledgementOut, 201: AcknowledgementOut, **POST_ERRORS},
             summary="Acknowledge a case note delivered to the source system", tags=["case notes"])
def case_note_acknowledge(request: HttpRequest, note_id: uuid.UUID):
    """201 the first time, 200 after: acknowledging again changes nothing."""
    acknowledgement, created = services.case_note_acknowledge(actor=request.service_account, system=request.system,
                                                              note_id=note_id)
    return Status(201 if created else 200, {"note_id": acknowledgement.note_id,
                                            "acknowledged_at": acknowledgement.acknowledged_at, "created": created})


def _page(found, present) -> dict:
    return {"items": [present(row) for row in found.object_list], "page": found.number,
            "next_page": found.number + 1 if found.has_next_page else None}


@router.get("/episodes", auth=READ, response={200: EpisodePage, **ERRORS}, tags=["reporting"],
            summary="Episodes this system may see, newest first")
def episode_list(request: HttpRequest, page: int = PAGE, child_id: uuid.UUID | None = None):
    return _page(selectors.episode_list(actor=request.service_account, page=page, child_id=child_id),
                 presenters.episode_out)


@router.get("/episodes/{episode_id}", auth=READ, response={200: EpisodeOut, **ERRORS}, tags=["reporting"],
            summary="One episode")
def episode_detail(request: HttpRequest, episode_id: uuid.UUID):
    return presenters.episode_out(selectors.episode_get(actor=request.service_account, episode_id=episode_id))


@router.get("/episodes/{episode_id}/decision", auth=READ, response={200: DecisionOut, **ERRORS},
            tags=["reporting"], summary="The CSE team's decision on an episode (decided false until made)")
def episode_decision(request: HttpRequest, episode_id: uuid.UUID):
    episode = selectors.episode_get(actor=request.service_account, episode_id=episode_id,
                                    verb="api.decision_read")
    return presenters.decision_out(episode)


@router.get("/meetings", auth=READ, response={200: MeetingPage, **ERRORS}, tags=["reporting"],
            summary="MASE meetings this system may see, latest first")
def meeting_list(request: HttpRequest, page: int = PAGE):
    return _page(selectors.meeting_list(actor=request.service_account, page=page), presenters.meeting_out)


@router.get("/meetings/{meeting_id}", auth=READ, response={200: MeetingOut, **ERRORS}, tags=["reporting"],
            summary="One MASE meeting")
def meeting_detail(request: HttpRequest, meeting_id: uuid.UUID):
    return presenters.meeting_out(selectors.meeting_get(actor=request.service_account, meeting_id=meeting_id))


@router.get("/children", auth=READ, response={200: ChildList, **ERRORS}, tags=["children"],
            summary="Children this system may see with an LCS or EHM reference")
def child_search(request: HttpRequest, reference: str = Query(..., min_length=1, max_length=40)):
    found = selectors.children_by_reference(actor=request.service_account, reference=reference)
    return {"items": [presenters.child_out(child) for child in found]}
