"""The sections of the Home Office's online NRM form, in its order (shared/domain/REFERENCE.md).
The referral's content is stored under these codes; the task list, the check-your-answers page and
both exports follow this order, so the practitioner copies the answers in the order the form asks."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Section:
    code: str
    title: str
    hint: str = ""

    @property
    def slug(self) -> str:
        return self.code.replace("_", "-")


SECTIONS: tuple[Section, ...] = (
    Section("nature", "Nature of the referral", "Why you are referring and whether the child is safe now"),
    Section("child", "The child's details", "Filled in from the child's record: check each answer"),
    Section("what_happened", "What happened and where", "Filled in from the risk assessment where it could be"),
    Section("exploitation", "Types of exploitation", "Filled in from the risk assessment: check them"),
    Section("police", "Reported to the police"),
    Section("support", "Support needs"),
    Section("first_responder", "First responder details", "You, as the person making the referral"),
)

SECTION_CODES = tuple(section.code for section in SECTIONS)
BY_SLUG = {section.slug: section for section in SECTIONS}
BY_CODE = {section.code: section for section in SECTIONS}
