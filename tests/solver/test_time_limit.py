"""The time limit covers the whole solve: compile, build and search (issue 20, item 6).

A plan of 10,000 lessons spent 30 s compiling and building before a 30 s search began; now the build
stops between its steps when the limit is spent, and the stages are reported as they begin.
"""

from __future__ import annotations

import io
import threading

import pytest
from rich.console import Console

from api.cli.progress import ProgressView
from scenarios.generator import generate_plan_dict
from solver.compile import compile_plan
from solver.cpsat.builder import BUILD_ORDER, BuildStopped, build_model
from solver.domain import Plan
from solver.params import SolveParams
from solver.pipeline import solve_plan
from tests.solver.solve_helpers import lesson, solve_and_certify, tiny_plan


@pytest.fixture(scope="module")
def school() -> Plan:
    return Plan.model_validate(generate_plan_dict(3, lesson_periods=300))


def test_the_build_stops_between_its_steps_when_asked(school):
    data = compile_plan(school)
    asked: list[int] = []

    def stop_at_the_third_question() -> bool:
        asked.append(1)
        return len(asked) >= 3

    with pytest.raises(BuildStopped) as stopped:
        build_model(data, stop=stop_at_the_third_question)
    assert stopped.value.at == BUILD_ORDER[1]  # asked before lesson_placed, before step 0, then before step 1
    assert build_model(data, stop=lambda: False).model.validate() == ""  # never stopped: the whole model


def test_a_limit_spent_before_the_search_ends_unknown_with_the_reason(school):
    """A limit shorter than the compile and build: no search, and the message says where the time went."""
    outcome = solve_plan(school, SolveParams(time_limit=0.001))
    assert outcome.result.status == "UNKNOWN" and outcome.timetable is None
    assert "ran out before the search could start" in outcome.result.message
    assert "--time-limit" in outcome.result.message


def test_a_stop_during_the_build_says_so(school):
    stop = threading.Event()
    stop.set()
    outcome = solve_plan(school, SolveParams(time_limit=60, stop=stop))
    assert outcome.result.status == "UNKNOWN"
    assert outcome.result.message.startswith("Stopped while building the model")


def test_the_stages_are_reported_in_order():
    stages: list[str] = []
    plan = tiny_plan(periods={"mon": ["08:30-09:20", "09:20-10:10"], "tue": ["08:30-09:20"]},
                     lessons=[lesson("wi-A", "T1", ["A"], count=3)])
    outcome = solve_and_certify(plan, time_limit=60, on_stage=stages.append, expect="OPTIMAL", constructive=False)
    assert stages == ["compile", "build", "search"]
    assert len(outcome.timetable.placements) == 3


def test_the_clock_starts_once():
    params = SolveParams(time_limit=10)
    assert params.started is None and params.seconds_left() == 10
    started = params.starting_now()
    assert started.started is not None and started.starting_now() is started
    assert 0 < started.seconds_left() <= 10 and not started.out_of_time()
    assert SolveParams(time_limit=0.0).starting_now().out_of_time()


def test_the_console_names_a_slow_stage_with_its_time(monkeypatch):
    out = io.StringIO()
    view = ProgressView(Console(file=out, force_terminal=False, width=120), time_limit=30)
    with view:
        view.stage("compile")
        view.stage("build")  # the compile took no time: no line
        monkeypatch.setattr(ProgressView, "SLOW_STAGE", 0.0)
        view.stage("search")  # every stage counts as slow now: the build gets its line
    text = out.getvalue()
    assert "Compiling the plan" not in text
    assert "Building the model / model bouwen:" in text and text.rstrip().endswith(" s")
