"""Who reaches the minutes pages and who records and publishes the minutes."""

from csepathway.accounts.roles import CASE_ROLES

from ..access import sees_every_item
from ..models import MaseMeeting

# The minutes pages are for the case roles; each meeting's page then shows what the reader may see.
MINUTES_READERS = CASE_ROLES


def may_record(user, meeting: MaseMeeting) -> bool:
    """The meeting's chair and the CSE team record and publish minutes: the people who see every item."""
    return sees_every_item(user, meeting)
