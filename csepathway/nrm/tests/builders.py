"""Build NRM referrals at each stage through the services, for these tests and the browser test."""

import datetime as dt

from csepathway.assessments.services import assessment_section_save
from csepathway.episodes import scenarios, services
from csepathway.nrm import services as nrm_services
from csepathway.nrm.sections import SECTION_CODES


def episode_with_types(personas, child, types, *, submit=True, details="Made to carry drugs between towns."):
    """An episode whose assessment records these exploitation types, submitted to the CSE team."""
    episode = scenarios.ready_to_submit(practitioner=personas.practitioner, child=child, sign_off=False)
    assessment = episode.assessment
    answers = {"types": list(types), "models": [], "details": details}
    assessment_section_save(actor=personas.practitioner, assessment=assessment, section="exploitation",
                            answers=answers, expected_version=assessment.version, complete=True)
    episode = scenarios.signed_off(episode=episode, practitioner=personas.practitioner)
    if submit:
        episode = services.episode_submit(actor=personas.practitioner, episode=episode, source="lcs",
                                          source_reference="LCS-TEST")
    episode.refresh_from_db()
    return episode


COMPLETE_ANSWERS = {
    "nature": {"how_identified": "Found at an address used to sell drugs (test).",
               "reason": "Moved between towns to sell drugs (test).", "safe_now": "yes"},
    "child": {"full_name": "Rowan Testchild", "also_known_as": "Ro", "date_of_birth": "2010-06-01", "age": 15,
              "sex": "male", "nationality": "British", "languages": "English, Albanian", "interpreter": "no",
              "interpreter_details": ""},
    "what_happened": {"account": "Taken to another town by older men (test).", "where": "uk",
                      "places": "Testtown", "when": "Spring 2026"},
    "exploitation": {"types": ["criminal"], "details": "County lines (test)."},
    "police": {"reported": "yes", "police_force": "Testshire Police", "crime_reference": "CR/123/26"},
    "support": {"needs": "A safe place to live (test).", "in_place": "Allocated social worker."},
    "first_responder": {"organisation": "Testshire Council", "name": "Pat Practitioner", "job_title": "Social worker",
                        "email": "pat@example.invalid", "phone": ""},
}


def complete_every_section(actor, referral):
    for code in SECTION_CODES:
        referral = nrm_services.referral_section_save(actor=actor, referral=referral, section=code,
                                                      answers=COMPLETE_ANSWERS[code], complete=True,
                                                      expected_version=referral.version)
    return referral


def referred(actor, referral, on: dt.date, reference: str = "NRM-TEST-1"):
    referral = complete_every_section(actor, referral)
    return nrm_services.referral_mark_referred(actor=actor, referral=referral, referred_on=on, reference=reference,
                                               expected_version=referral.version)
