"""Names and words for the volume data: obviously made up, never a real person, place or force.
Every surname is built from a "test"/"example"/"sample"-style stem, every place is "(synthetic)"."""

import uuid

FIRST_NAMES = [
    "Amber", "Bailey", "Casey", "Devon", "Ellis", "Frankie", "Georgie", "Harley", "Indie", "Jordan", "Kai", "Logan",
    "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Taylor", "Umar", "Vic", "Wren", "Xander",
    "Yasmin", "Zara", "Ari", "Blake", "Cam", "Dani", "Eden", "Finley", "Robin", "Jules", "Alex", "Sam", "Charlie",
    "Jesse", "Rowan", "Skyler", "Reese", "Avery", "Emery", "Hayden", "Jamie", "Kit", "Lee", "Max",
]
_STEMS = ["Test", "Example", "Sample", "Demo", "Mock", "Fake", "Dummy", "Placeholder", "Synth", "Fiction"]
_ENDINGS = ["child", "ton", "ford", "son", "ridge", "field", "by", "worth", "ley", "well"]
SURNAMES = [stem + ending for stem in _STEMS for ending in _ENDINGS]
STAFF_SURNAMES = ["Userton", "Userford", "Userby", "Userfield", "Userley", "Userworth"]
NICKNAMES = ["Little T", "Shorty", "Bubbles", "Kid K", "Flash", "Tiny", "Jazz", "Ace", "Sparky", "Smudge", "Ziggy"]
GENDERS = ["girl"] * 6 + ["boy"] * 3 + ["non_binary", "not_known"]
PLANS = ["cin"] * 4 + ["cp"] * 2 + ["lac"] * 2 + ["early_help"] * 2 + ["none"]
LAC_STATUS = ["s20", "s31", "s38"]
STREETS = ["Example Street", "Sample Road", "Test Lane", "Placeholder Close", "Mock Avenue", "Demo Way"]
SCHOOLS = ["Example High School (synthetic)", "Sample Academy (synthetic)", "Test Street PRU (synthetic)", ""]

SIGNIFICANT = ["missing", "controlling_relationship", "cars", "unexplained_items", "risky_places", "online_grooming",
               "hotels_taxis_takeaways", "sexual_health"]
OTHER = ["whereabouts_unknown", "disengaged_education", "unknown_contacts", "drug_misuse", "self_harm", "out_late"]
VULNERABILITIES = ["abuse_in_family", "family_breakdown", "family_stress", "looked_after", "low_self_esteem",
                   "isolated", "unstable_accommodation"]
CONCERNS = [
    "Seen getting into cars with unknown adults (synthetic).",
    "Missing overnight three times this month, returned with new clothes (synthetic).",
    "School reports an older 'boyfriend' collecting them at the gates (synthetic).",
    "Messages from unknown adults found on their phone (synthetic).",
    "Found at a hotel with older adults by the police (synthetic).",
]
NOTE_TITLES = ["Home visit", "Phone call with carer", "School meeting", "Strategy discussion", "Visit to the child",
               "Return interview after missing episode", "Supervision discussion", "Contact from the police"]
NOTE_BODY = ("Synthetic case note for volume testing. {title} with the young person and the people around them. "
             "Views recorded in their own words; no real person is described. Next visit planned.")
ACTIONS = [("Weekly check-in at school (synthetic)", "support"), ("Referral to youth service (synthetic)", "support"),
           ("Return interview after every missing episode (synthetic)", "support"),
           ("Patrols near the bus station (synthetic)", "disruption"),
           ("Visit the takeaway named in the minutes (synthetic)", "disruption"),
           ("Child abduction warning notice to the adult concerned (synthetic)", "disruption")]
VEHICLE_MAKES = ["Examplecar", "Testmotor", "Sampleauto"]


def uuid_from(rng) -> uuid.UUID:
    """A version-4 UUID drawn from the stage's seeded generator, so ids repeat with the seed."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def staff_name(rng) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(STAFF_SURNAMES)
