"""Version 1 of the screening tool, from public practice guidance (see shared/domain/REFERENCE.md).
Seeded by migration 0002 as configuration data; later versions are published as data, not code."""

SCREENING_TOOL_V1 = {
    "significant_indicators": [
        {"code": "missing", "label": "Repeatedly missing from home, care or school, by day or night"},
        {"code": "controlling_relationship",
         "label": "A relationship of concern with a controlling adult or an older young person"},
        {"code": "cars", "label": "Getting into or out of cars driven by adults they do not know"},
        {"code": "unexplained_items",
         "label": "Money, phone credit, clothes or other things that cannot be explained"},
        {"code": "risky_places", "label": "Spending time in places known to be risky"},
        {"code": "online_grooming",
         "label": "Grooming or abuse online or by phone, or heavy phone use late at night"},
        {"code": "hotels_taxis_takeaways",
         "label": "Links with hotels, taxi firms or takeaways that cannot be explained"},
        {"code": "sexual_health", "label": "Repeated sexually transmitted infections, pregnancy or termination"},
    ],
    "other_indicators": [
        {"code": "whereabouts_unknown", "label": "Whereabouts unclear or unknown"},
        {"code": "disengaged_education",
         "label": "Absent, excluded or disengaged from school, college, training or work"},
        {"code": "unknown_contacts", "label": "Frequent contact from adults or young people not known to the family"},
        {"code": "unexplained_injuries", "label": "Injuries without a believable explanation"},
        {"code": "drug_misuse", "label": "Drug misuse"},
        {"code": "alcohol_misuse", "label": "Alcohol misuse"},
        {"code": "self_harm", "label": "Self-harm or suicide attempts"},
        {"code": "despair", "label": "Signs of despair, such as an eating disorder or aggression"},
        {"code": "peers_exploited", "label": "Friends or peers involved in exploitation"},
        {"code": "out_late", "label": "Staying out late"},
        {"code": "withdrawn_disclosure", "label": "Told someone, then took it back"},
        {"code": "unsuitable_accommodation", "label": "Living independently or in unsuitable accommodation"},
    ],
    "vulnerabilities": [
        {"code": "abuse_in_family", "label": "Abuse or neglect in the family"},
        {"code": "family_breakdown", "label": "Family breakdown"},
        {"code": "family_stress", "label": "Domestic abuse, substance misuse or mental ill health in the family"},
        {"code": "looked_after", "label": "Looked after, or leaving care"},
        {"code": "learning_disability", "label": "Learning disability or special educational needs"},
        {"code": "low_self_esteem", "label": "Low self-esteem"},
        {"code": "isolated", "label": "Isolated from friends, or no trusted, caring adult"},
        {"code": "bereavement", "label": "Bereavement or loss"},
        {"code": "unstable_accommodation", "label": "Unsuitable or unstable accommodation"},
    ],
    "time_windows": [
        {"code": "recent", "label": "Now or in the last 6 months"},
        {"code": "earlier", "label": "Earlier than 6 months ago"},
    ],
    "outcomes": [
        {"code": "no_current_risk", "label": "No current risk",
         "meaning": "The child seems no more vulnerable than is usual for their age. This is not proof that "
                    "nothing is happening: screen again when new information comes in."},
        {"code": "at_risk", "label": "At risk",
         "meaning": "There are signs the child may be at risk of sexual exploitation. Go on to complete the "
                    "full risk assessment."},
    ],
}


# Version 2: the combined child exploitation tool (the West Midlands' combined Child Exploitation
# screening tool, REFERENCE.md "Child exploitation beyond CSE"). Version 1's sexual-exploitation
# catalogue stays as it is, and the criminal-exploitation indicators sit beside it, each with the same
# time windows. The codes differ from version 1's, so an answer never names two indicators.
CRIMINAL_INDICATORS_V2 = [
    {"code": "missing_out_of_area", "label": "Missing episodes that end out of the area"},
    {"code": "drugs_cash_weapons",
     "label": "Found with drugs, cash or weapons, including drugs hidden inside the body"},
    {"code": "phones_sims", "label": "More than one phone or SIM card, or a phone that is always ringing"},
    {"code": "goods_unaccounted", "label": "Money, clothes or goods they cannot account for"},
    {"code": "police_out_of_area", "label": "Arrests or police contact out of the area"},
    {"code": "injuries_after_missing", "label": "Injuries after a missing episode"},
    {"code": "hotel_keys", "label": "Hotel keys or receipts"},
    {"code": "older_peers", "label": "New, older peers or 'friends'"},
    {"code": "fear_of_reprisals", "label": "Fear of reprisals, or reluctance to speak"},
    {"code": "drug_debts", "label": "Drug debts, or owing money to others"},
]

SCREENING_TOOL_V2 = {
    **SCREENING_TOOL_V1,
    "name": "Child exploitation screening",
    "criminal_indicators": CRIMINAL_INDICATORS_V2,
    "outcomes": [
        {"code": "no_current_risk", "label": "No current risk",
         "meaning": "The child seems no more vulnerable than is usual for their age. This is not proof that "
                    "nothing is happening: screen again when new information comes in."},
        {"code": "at_risk", "label": "At risk",
         "meaning": "There are signs the child may be at risk of exploitation, sexual, criminal or both. Go on "
                    "to complete the full risk assessment."},
    ],
}
