"""The words of the pathway that people outside the CSE team may not know, in plain English. The page
is public like the accessibility statement: it says nothing about any child."""

import dataclasses

from .wording import say_lazy


@dataclasses.dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    meaning: str


TERMS = (
    Term("cin", "CIN", "Child in need: a plan under section 17 of the Children Act 1989 for a child who needs "
                       "services to be safe and well."),
    Term("cp", "CP", "Child protection: a plan after an enquiry under section 47, when a child is at risk of "
                     "significant harm."),
    Term("cse", "CSE", "Child sexual exploitation: a child is manipulated or forced into sexual activity in "
                       "exchange for something they need or want, or for the gain of the person exploiting them."),
    Term("fib", "FIB", "Force Intelligence Bureau: the police team that receives partner information reports, "
                       "grades them and acts on them."),
    Term("lac", "LAC", "Looked after child: a child in the council's care (legal status section 20, 31 or 38)."),
    Term("mase", say_lazy("MASE"), say_lazy(
        "Multi-agency sexual exploitation meeting: children's social care, the police, health, education and others "
        "plan together for a child at risk, or about people and places of concern. It sets actions and the date of "
        "the next review.")),
    Term("nrm", "NRM", "National Referral Mechanism: how a child who may be a victim of modern slavery or "
                       "trafficking is referred for a decision. A child needs no consent."),
    Term("rg-cg", "RG and CG", "Reasonable grounds and conclusive grounds: the two NRM decisions. Reasonable "
                               "grounds are expected within 5 working days of the referral; conclusive grounds "
                               "come after a recovery period of at least 30 days."),
    Term("3x5x2", "3x5x2", "How the police grade intelligence: the source (1 reliable, 2 untested, 3 not "
                           "reliable), the information (A to E, from known directly to suspected false) and how "
                           "it may be shared (P permitted, C with conditions). The police grade it, not the "
                           "partner who sends it."),
    Term("taf", "TAF", "Team around the family: early help, with the family's consent, led by a lead "
                       "professional."),
)
