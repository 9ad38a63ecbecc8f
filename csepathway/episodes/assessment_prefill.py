"""Type it once (issue 13, point 6): the conversations already recorded on the episode fill in the
assessment's "The child's voice" and "Parents' or carers' views" the first time they are opened. The
practitioner changes anything before saving; once the section is saved its own answers are used."""

from csepathway.core.formatting import govuk_date

from .models import Conversation, Episode

# The assessment section each kind of conversation fills, and the field for who and when.
SECTIONS = {"child_voice": (Conversation.With.CHILD, "how_gathered"),
            "parents_views": (Conversation.With.PARENTS, "who")}


def conversation_answers(episode: Episode, code: str) -> dict | None:
    """The answers to offer for section `code`, or None: nothing to offer, or the section was saved."""
    if code not in SECTIONS or episode.assessment is None or code in episode.assessment.sections:
        return None
    held_with, about = SECTIONS[code]
    conversations = [c for c in episode.conversations.all() if c.held_with == held_with]
    if not conversations:
        return None
    return {"views": "\n\n".join(c.views for c in conversations),
            about: "\n".join(f"{c.people}, {govuk_date(c.held_on)}" for c in conversations)}
