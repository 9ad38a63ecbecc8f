"""Where the Team Manager's sign-off of an assessment has got to (docs/adr/0043). Read from an
assessment the caller may already see; the writes are the episode's (episodes/sign_off_services.py),
because who may ask and who may answer depends on the episode's team."""

import enum

from .models import Assessment, ManagerSignOff


class SignOff(enum.StrEnum):
    NOT_ASKED = "not_asked"
    WAITING = "waiting"
    RETURNED = "returned"
    SIGNED_OFF = "signed_off"
    CHANGED = "changed"  # agreed, then the assessment changed: the agreement was for what it said then


LABELS = {
    SignOff.NOT_ASKED: "Not yet asked",
    SignOff.WAITING: "Waiting for the Team Manager",
    SignOff.RETURNED: "Returned with comments",
    SignOff.SIGNED_OFF: "Signed off",
    SignOff.CHANGED: "Changed since sign-off",
}


def latest_sign_off(assessment: Assessment | None) -> ManagerSignOff | None:
    if assessment is None:
        return None
    return assessment.sign_offs.select_related("decided_by", "requested_by").first()


def sign_off_state(assessment: Assessment | None, latest: ManagerSignOff | None = None) -> SignOff:
    latest = latest if latest is not None else latest_sign_off(assessment)
    if latest is None:
        return SignOff.NOT_ASKED
    if latest.state == ManagerSignOff.State.WAITING:
        return SignOff.WAITING
    if latest.state == ManagerSignOff.State.RETURNED:
        return SignOff.RETURNED
    return SignOff.SIGNED_OFF if latest.assessment_version == assessment.version else SignOff.CHANGED
