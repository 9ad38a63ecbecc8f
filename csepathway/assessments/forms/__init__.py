"""One form per assessment section (see base.py for how drafts and completion differ)."""

from .base import ADD, CONTINUE, LATER, NO, YES, SectionForm
from .sections import section_form

__all__ = ["ADD", "CONTINUE", "LATER", "NO", "YES", "SectionForm", "section_form"]
