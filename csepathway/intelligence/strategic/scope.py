"""The children behind every figure of the strategic picture: the episodes the viewer reaches
(their own scope, and for a MASE chair the meetings they chair: episodes.reach), open at some time
in the period. Everything else is counted through these, so a child the viewer may not see is in
no count, on no map and in no list (docs/adr/0055)."""

from django.db.models import QuerySet

from csepathway.audit.scope import refuse_with_404
from csepathway.episodes.models import Episode
from csepathway.episodes.reach import reached_episodes

from .. import access
from .period import Period


def require_strategic(actor, verb: str) -> None:
    """Anyone else gets the same 404 as for a page that is not there, and the refusal is audited."""
    if not access.may_see_strategic_picture(actor):
        refuse_with_404(actor=actor, verb=verb, object_type="intelligence.strategic", object_id="-")


def episodes_in(actor, period: Period) -> QuerySet[Episode]:
    """Episodes that had reached the CSE team by the end of the period and were not closed before
    it began: the children the CSE team and the police were working with in it."""
    return reached_episodes(actor).filter(submitted_at__lt=period.end).exclude(closed_at__lt=period.start)
