"""The guardrails as pure functions: the rules from REFERENCE.md, each switchable, never a score
that sets the level."""

from hypothesis import given
from hypothesis import strategies as st

from csepathway.assessments import guardrails as g
from csepathway.assessments.defaults import ASSESSMENT_V1

RULES = ASSESSMENT_V1["guardrails"]
LEVELS = ["low", "medium", "high"]

summaries = st.builds(g.IndicatorSummary, significant_recent=st.integers(0, 8), significant_earlier=st.integers(0, 8),
                      other=st.integers(0, 12), vulnerabilities=st.integers(0, 9), strengths=st.integers(0, 6))
children = st.builds(g.ChildFacts, age=st.integers(8, 17), learning_disability=st.booleans())
levels = st.sampled_from(LEVELS)
texts = st.sampled_from(["", "   ", "Because of the evidence."])


def rules_of(findings):
    return {f.rule for f in findings}


def blocking_rules(findings):
    return {f.rule for f in g.blocking(findings)}


def evaluate(level="medium", rationale="Reasons.", lower_reason="", child=None, summary=None, rules=RULES):
    return g.evaluate(level=level, rationale=rationale, lower_reason=lower_reason,
                      child=child or g.ChildFacts(age=15, learning_disability=False),
                      summary=summary or g.IndicatorSummary(significant_recent=1), rules=rules, levels=LEVELS)


def test_under_13_with_indicators_cannot_be_low_and_the_message_names_the_rule():
    findings = evaluate(level="low", child=g.ChildFacts(age=12, learning_disability=False),
                        summary=g.IndicatorSummary(other=1))
    [finding] = g.blocking(findings)
    assert finding.rule == g.UNDER_13_NOT_LOW and finding.field == g.LEVEL_FIELD
    assert "under 13" in finding.text and "Rule: Under 13: not Low" in finding.text


def test_learning_disability_with_indicators_cannot_be_low():
    findings = evaluate(level="low", child=g.ChildFacts(age=16, learning_disability=True),
                        summary=g.IndicatorSummary(other=1))
    assert blocking_rules(findings) == {g.LEARNING_DISABILITY_NOT_LOW}
    assert "Rule: Learning disability: not Low" in g.blocking(findings)[0].text


def test_no_indicators_means_low_is_allowed_even_under_13():
    findings = evaluate(level="low", child=g.ChildFacts(age=10, learning_disability=True),
                        summary=g.IndicatorSummary(vulnerabilities=3))
    assert not g.blocking(findings)


def test_under_13_with_a_significant_indicator_must_be_referred_as_a_warning_not_a_block():
    findings = evaluate(level="high", child=g.ChildFacts(age=11, learning_disability=False),
                        summary=g.IndicatorSummary(significant_earlier=1))
    [warning] = [f for f in findings if f.rule == g.UNDER_13_SIGNIFICANT_REFER]
    assert not warning.blocking and "referred to children's social care" in warning.message


def test_rationale_is_always_required():
    for level in LEVELS:
        assert g.RATIONALE_REQUIRED in blocking_rules(evaluate(level=level, rationale="  "))


def test_a_level_lower_than_the_indicators_suggest_needs_a_reason_and_keeps_a_note_for_reviewers():
    heavy = g.IndicatorSummary(significant_recent=3, vulnerabilities=2)  # 17 points: SERAF category 4
    assert g.suggested_level(heavy, LEVELS) == "high"
    refused = evaluate(level="medium", summary=heavy)
    assert blocking_rules(refused) == {g.LOWER_THAN_INDICATORS}
    assert g.blocking(refused)[0].field == g.LOWER_REASON_FIELD
    explained = evaluate(level="medium", summary=heavy, lower_reason="She is now in a safe placement.")
    assert not g.blocking(explained) and g.LOWER_THAN_INDICATORS in rules_of(explained)


def test_switched_off_rules_do_not_apply():
    off = [{**rule, "enabled": False} for rule in RULES]
    findings = evaluate(level="low", rules=off, child=g.ChildFacts(age=10, learning_disability=True),
                        summary=g.IndicatorSummary(significant_recent=5))
    assert rules_of(findings) == set()


def test_configured_message_and_name_are_used():
    rules = [{"code": g.UNDER_13_NOT_LOW, "enabled": True, "name": "Local rule 7", "message": "Not Low here."}]
    [finding] = evaluate(level="low", rules=rules, child=g.ChildFacts(age=9, learning_disability=False))
    assert finding.text == "Not Low here. (Rule: Local rule 7.)"


def test_seraf_bands_follow_the_old_scoring():
    assert [g.seraf_band(score).label for score in (0, 5, 6, 10, 11, 15, 16, 40)] == [
        "Category 1: not at risk", "Category 1: not at risk", "Category 2: mild risk", "Category 2: mild risk",
        "Category 3: moderate risk", "Category 3: moderate risk", "Category 4: significant risk",
        "Category 4: significant risk"]
    assert g.seraf_score(g.IndicatorSummary(significant_recent=1, significant_earlier=2, other=3,
                                            vulnerabilities=4, strengths=5)) == 5 + 2 + 3 + 4


@given(child=children, summary=summaries, level=levels, rationale=texts, lower=texts)
def test_under_13_or_learning_disability_with_indicators_is_never_allowed_low(child, summary, level, rationale,
                                                                              lower):
    findings = evaluate(level=level, rationale=rationale, lower_reason=lower, child=child, summary=summary)
    protected = child.age < 13 or child.learning_disability
    if level == "low" and protected and summary.indicators_present:
        assert blocking_rules(findings) & {g.UNDER_13_NOT_LOW, g.LEARNING_DISABILITY_NOT_LOW}
    if not protected or not summary.indicators_present or level != "low":
        assert not blocking_rules(findings) & {g.UNDER_13_NOT_LOW, g.LEARNING_DISABILITY_NOT_LOW}


@given(child=children, summary=summaries, level=levels)
def test_with_a_rationale_and_a_reason_only_the_child_rules_can_block(child, summary, level):
    findings = evaluate(level=level, rationale="Reasons.", lower_reason="Reason.", child=child, summary=summary)
    assert blocking_rules(findings) <= {g.UNDER_13_NOT_LOW, g.LEARNING_DISABILITY_NOT_LOW}
    if level == "high":
        assert not g.blocking(findings)


@given(summary=summaries, level=levels)
def test_the_lower_than_suggested_rule_fires_exactly_when_the_level_ranks_below_the_suggestion(summary, level):
    findings = evaluate(level=level, summary=summary)
    suggested = g.suggested_level(summary, LEVELS)
    lower = suggested is not None and LEVELS.index(level) < LEVELS.index(suggested)
    assert (g.LOWER_THAN_INDICATORS in blocking_rules(findings)) == lower


@given(a=summaries, extra=st.integers(0, 5))
def test_more_indicators_never_suggest_a_lower_level(a, extra):
    more = g.IndicatorSummary(significant_recent=a.significant_recent + extra,
                              significant_earlier=a.significant_earlier, other=a.other + extra,
                              vulnerabilities=a.vulnerabilities, strengths=a.strengths)

    def rank(summary):
        level = g.suggested_level(summary, LEVELS)
        return -1 if level is None else LEVELS.index(level)

    assert rank(more) >= rank(a)


@given(summary=summaries)
def test_strengths_do_not_change_the_suggestion(summary):
    # Decision support only: strengths are for the practitioner's judgement, not for the old score.
    assert g.seraf_score(summary) == g.seraf_score(g.IndicatorSummary(
        significant_recent=summary.significant_recent, significant_earlier=summary.significant_earlier,
        other=summary.other, vulnerabilities=summary.vulnerabilities, strengths=0))
