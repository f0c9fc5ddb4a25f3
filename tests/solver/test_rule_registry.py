"""One rule, one name: the model, the validator and the rule catalogue name exactly the same rules."""

from solver.cpsat.builder import BUILD_ORDER, NOT_RULES, modelled_rules
from solver.cpsat.registry import ENFORCED_IN_COMPILE, MODEL_RULES
from solver.rules import RULES
from solver.validate import CHECKS
from solver.validation import extra, extra_scoped


def test_the_model_the_validator_and_the_catalogue_name_the_same_rules():
    assert modelled_rules() == set(RULES)
    assert set(CHECKS) == set(RULES)


def test_hard_and_soft_agree():
    """The soft rules of the catalogue are the validator's soft checks, and each has a model function."""
    from solver.validation import soft

    soft_rules = {name for name, rule in RULES.items() if rule.kind == "soft"}
    assert set(soft.CHECKS) == soft_rules
    assert soft_rules <= set(MODEL_RULES)


def test_every_model_function_is_added_somewhere():
    """A registered function runs: as a step of BUILD_ORDER, as an extra constraint's type, or with
    the variables (lesson_placed); nothing in compile has a function too."""
    extra_types = set(extra.CHECKS) | set(extra_scoped.CHECKS)
    assert set(MODEL_RULES) == (set(BUILD_ORDER) - set(NOT_RULES)) | extra_types | {"lesson_placed"}
    assert not (set(MODEL_RULES) & ENFORCED_IN_COMPILE)
    assert set(NOT_RULES).isdisjoint(RULES)
