"""Version 1 of the risk levels and the NWG-style assessment configuration (REFERENCE.md), seeded by
migration as configuration data. Never edit a published version: publish a new one."""

RISK_LEVELS_V1 = {
    "levels": [
        {"code": "low", "label": "Low", "long_label": "Low: at risk", "review_weeks": 12,
         "meaning": "The child is vulnerable. There are concerns they are being targeted and groomed, and "
                    "vulnerability factors are present, but no evidence yet of offences against them."},
        {"code": "medium", "label": "Medium", "long_label": "Medium: serious", "review_weeks": 6,
         "meaning": "There is evidence the child is being targeted for opportunistic abuse through an "
                    "exchange (drugs, affection, belonging, somewhere to stay, money or goods). Coercion and "
                    "control are likely."},
        {"code": "high", "label": "High", "long_label": "High: significant", "review_weeks": 4,
         "meaning": "Exploitation is habitual and often denied by the child. Coercion or control is implicit."},
    ],
}

ASSESSMENT_V1 = {
    "exploitation_types": [
        {"code": "sexual", "label": "Sexual exploitation"},
        {"code": "criminal", "label": "Criminal exploitation, including county lines"},
        {"code": "sexual_and_criminal", "label": "Both sexual and criminal exploitation"},
        {"code": "online", "label": "Online exploitation"},
        {"code": "trafficking", "label": "Trafficking or modern slavery"},
        {"code": "financial", "label": "Financial exploitation"},
        {"code": "cuckooing", "label": "Cuckooing (home taken over)"},
    ],
    "exploitation_models": [
        {"code": "boyfriend", "label": "Older 'boyfriend' or controlling adult"},
        {"code": "peer", "label": "Peer on peer"},
        {"code": "gang", "label": "Gang or group"},
        {"code": "network", "label": "Organised network"},
        {"code": "online", "label": "Online"},
        {"code": "party", "label": "'Party' model"},
        {"code": "lone", "label": "Lone offender"},
    ],
    "strengths": [
        {"code": "trusted_adult", "label": "Has a trusted adult"},
        {"code": "education", "label": "Engaged in education or work"},
        {"code": "friendships", "label": "Has positive friendships"},
        {"code": "family_protective", "label": "Family able to protect"},
        {"code": "engaging", "label": "Engaging with support"},
        {"code": "recognises_risk", "label": "Recognises the risk"},
    ],
    "nrm_prompt_types": ["criminal", "sexual_and_criminal", "trafficking"],
    "guardrails": [
        {"code": "under_13_not_low", "enabled": True,
         "message": "A child under 13 whose behaviour suggests risk of sexual exploitation cannot be rated Low."},
        {"code": "learning_disability_not_low", "enabled": True,
         "message": "A child with a learning disability whose behaviour suggests risk cannot be rated Low."},
        {"code": "under_13_significant_refer", "enabled": True,
         "message": "A child under 13 with any significant indicator must be referred to children's social care."},
        {"code": "lower_than_indicators_rationale", "enabled": True,
         "message": "The level chosen is lower than the indicators suggest, so the rationale must explain "
                    "why. Reviewers will see it."},
    ],
}
