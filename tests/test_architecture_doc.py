"""docs/architecture.md's table of rules says where each rule is modelled and checked: keep it true."""

import re
from pathlib import Path

from solver.cpsat.builder import MODEL_RULES
from solver.cpsat.registry import ENFORCED_IN_COMPILE
from solver.rules import RULES
from solver.validate import CHECKS

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def _path(function) -> str:
    return function.__module__.replace(".", "/") + ".py"


def _rows() -> dict[str, tuple[str, str, str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `(\w+)` \| (\w+) \| (.+?) \| `([\w/.]+)` \|$", line)
        if match:
            rows[match[1]] = (match[2], match[3], match[4])
    return rows


def test_every_rule_has_a_row_with_its_kind_model_and_check():
    rows = _rows()
    assert set(rows) == set(RULES)
    for name, (kind, model, check) in rows.items():
        assert kind == RULES[name].kind, name
        assert check == _path(CHECKS[name]), name
        if name in ENFORCED_IN_COMPILE:
            path = re.search(r"`([\w/.]+)`", model)[1]
            assert model.startswith("compile: ") and path.startswith("solver/compile/"), name
            assert (DOC.parents[1] / path).exists(), name
        else:
            assert model == f"`{_path(MODEL_RULES[name])}`", name
