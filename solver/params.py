"""SolveParams: every setting of one solve, from the CLI down to CP-SAT, in one frozen value.

Besides the limits a caller sets (time, workers, seed, progress, stop) it holds the solve loop's
switches and tunables, each with the measurement behind its default: `phases` for the solve loop
(solver/cpsat/solve.py, solver/cpsat/first.py) and `repair` for the repair search
(solver/cpsat/repair.py). Tests set them here instead of patching module constants.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from time import perf_counter

from solver.result import Progress

# The entrant without implied constraints searches only locally (feasibility jump), after a light
# presolve without symmetry detection: on loosely constrained schools CP-SAT's first timetable came
# from feasibility jump anyway, and the full presolve took most of the time (MAPS: 0.9 s of it
# before the search started; benchmarks/RESULTS.md). It cannot prove a plan infeasible; the
# implied model next to it still can.
LOCAL_SEARCH = {"use_ls_only": True, "max_presolve_iterations": 1, "cp_model_probing_level": 0,
                "symmetry_level": 0}


@dataclass(frozen=True)
class PhaseSwitches:
    """The solve loop's switches and tunables (phase 1's race, the evaluation, CP-SAT's workers)."""

    # Phase 1 looks for any timetable, without the objective, and races two entrants: the model with
    # the implied constraints (solver/cpsat/implied.py) and either the repair search
    # (solver/cpsat/repair.py, for plans with hard week rules) or the model without them. Measured on FET's
    # examples (benchmarks/RESULTS.md, issue 3): without the objective the first timetable came 2-5x sooner
    # (with one, CP-SAT spends its workers on bounds first), and each formulation is the fast one on
    # some schools and hopeless on others (MAPS: 1-3 s without, none in 60 s with; Brazil the reverse).
    first_phase: bool = True
    # Seconds the first entrant searches alone before the second one is built: small schools are
    # done sooner (Hopwood: 1 ms of search), and a build that has begun runs to its end in Python,
    # holding up the answer.
    head_start: float = 0.05
    # Beside the repair search the hard model gives up after this many seconds and leaves the repair
    # the whole machine: its wins there come early (highschool-Ancona 2-5 s, small plans proven
    # infeasible in milliseconds), while after that its worker only slows the repair (3 threads on 2
    # cores). German-100_and_0, whole pipeline, seeds 0-5: 5 of 6 solved either way, median 29.6 s
    # against 33.6 s; lycee-Farabi seeds 0-2: 18.6-33.6 s against 22.2-28.1 s (benchmarks/RESULTS.md).
    # A plan it has not proven infeasible by then ends UNKNOWN, not INFEASIBLE, if the repair finds
    # nothing either.
    hard_beside_repair_seconds: float = 10.0
    # Small schools first get one worker alone for a moment: the race's threads and CP-SAT's parallel
    # workers took longer to start than the search (CP-SAT alone: small-school 1.3 ms with one worker,
    # light presolve, no symmetry detection or linearization, 4.8 ms with two workers; Hopwood 0.3 ms
    # against 1.2 ms). A plan it does not decide loses 10-20 ms (the presolve overruns the limit) and
    # races as before (benchmarks/RESULTS.md).
    quick_look_below: int = 200
    quick_look_seconds: float = 0.01
    # CP-SAT parameters per phase-1 entrant on top of _tune: the implied model, the model without.
    entrant_parameters: tuple[dict, ...] = ({}, LOCAL_SEARCH)
    evaluate_seconds: float = 30.0  # fixing every lesson leaves CP-SAT only room pools and cost literals to set
    # The least time the evaluation gets when the time limit is (nearly) spent: it takes milliseconds on
    # FET's schools, and without it a timetable the repair found at the end would be lost.
    evaluate_floor: float = 1.0
    # Measured on generated schools of 1,500 lesson-periods (benchmarks/RESULTS.md): with 2 workers
    # CP-SAT runs no core-based worker, and the objective after 90 s stayed ~8x worse than with 4.
    auto_workers: int = 4
    # Above this many lesson-periods a full presolve costs more time than it saves before the
    # first timetable; one presolve round without probing is kept.
    light_presolve_from: int = 600


@dataclass(frozen=True)
class RepairTuning:
    """The repair search's switches and tunables (solver/cpsat/repair.py; its module docstring)."""

    # The extra-constraint types relaxed to a count of violations (their soft form in extra_scoped.py).
    # Relaxing also the daily and weekly load rules made the start easier but the repair slower
    # (Gymnasio 24 s -> 55 s, FS-2008-2009-difficult 35 s -> none in 60 s), and so did relaxing
    # min_days_between (German: the count stalls at 20-45; benchmarks/RESULTS.md).
    relaxed_types: frozenset[str] = frozenset(("max_gaps_per_week", "max_gaps_per_day", "max_periods_continuously"))
    # Only the teachers' rules are relaxed when the plan has any: student sets' hard "no gaps" with early
    # starts make their days prefixes (implied.py), which is what makes the start quick; relaxing them
    # too turned German's start from 11 s into none in 60 s.
    first_kinds: tuple[str, ...] = ("teacher",)
    # The second stage, when the first stage's start has not come in escalate_seconds, relaxes also the
    # hard daily-load rules: lycee-Farabi (FET's Moroccan half-day trick) has no start in 60 s with only
    # the teachers' gaps relaxed, one in 2-4 s with its students' min lesuren a day and max lesuren a real
    # day relaxed too. Relaxed from the start they made the repair slower elsewhere (Gymnasio, FS above).
    load_types: frozenset[str] = frozenset(("min_periods_per_day", "max_periods_per_day", "occupy_max_slots"))
    # First-stage starts on FET's examples come in 0.1-3.5 s (Bethlen-2008-2009 the slowest, 2 workers);
    # 6 s rather than 10 s saves lycee-Farabi ~2 s of its 24-29 s.
    escalate_seconds: float = 6.0
    # The relaxed model counts per lesuur the one-lesuur lessons that share one choice of pools instead of
    # choosing a pool per lesson (BuildOptions.rooms_counted, exact); solve._evaluate chooses the pools
    # once the count is 0. lycee-Farabi's second-stage start: 7-17 s with pool literals, 2-4 s counted.
    rooms_counted: bool = True
    # The relaxed model lets a room pool overflow at a cost of 1 per lesson too many (BuildOptions.rooms_soft),
    # and its start leaves the room limits out: German-100_and_0's start came in 10 s for 1 of 8 seeds with
    # them, for 6 of 6 in 1.4-9.4 s without (benchmarks/RESULTS.md). The count then takes the overflow in.
    # Where rooms are easy this costs a little: the overflow is repaired after the start (highschool-Ancona
    # 2-5 s -> 4-11 s, FET 22-50 s).
    rooms_soft: bool = True
    # The start is heavy-tailed: German-100_and_0's came in 1.4-7.2 s for 11 of 14 seeds and not in 10 s
    # for the others, so a try that finds none restarts with another seed (a budget that grows each time).
    start_seconds: float = 8.0
    start_growth: float = 1.5
    # With two stages, the second stage's start is sought first and hints the first stage's: it comes
    # sooner and more surely (it relaxes more), and CP-SAT finds a first-stage start near it when there
    # is one (Brazil-more-difficult, 2 workers, seeds 0-2: 0.2-0.3 s + 0.1 s against 5.2, 0.4, 5.1 s
    # unhinted); when there is none (lycee-Farabi), the second stage begins from it.
    wide_hint: bool = True
    free_share: float = 0.15  # the first neighbourhood frees this share of the copies; it adapts (below)
    min_share: float = 0.03
    max_share: float = 0.5
    grow: float = 1.1  # after a step proven optimal
    shrink: float = 0.9  # after a step that found nothing in time
    step_seconds: float = 1.0  # CP-SAT time for one neighbourhood
    neighbourhood_days: int = 2
    # Steps without a better count before a neighbourhood spans one day more. 2 was tried: faster in the
    # search alone (Vartholomio median 4.0 -> 2.3 s over 16 seeds, German and Gymnasio 3 seeds), but in
    # the whole pipeline German (seed 0) took 56 s against 31 s, Gymnasio 23 s against 18 s, and the
    # fet-dev run at aa93554 lost one German and one Gymnasio run (benchmarks/RESULTS.md).
    stall_steps: int = 8
    # A room overflow's neighbourhood spans its own day and days where the overflowing pools have a room
    # to spare at some lesuur (the owners' days when there is none): German-100_and_0, whole pipeline,
    # seeds 0-7 side by side, found its timetable in 8 of 8 runs (median 30 s) against 6 of 8 (45 s)
    # with the owners' days (benchmarks/RESULTS.md).
    room_spare_days: bool = True


@dataclass(frozen=True)
class SolveParams:
    # Seconds of wall time for the whole solve: compile, build and search. A plan of 10,000 lessons
    # spends 10-20 s compiling and building before CP-SAT starts; a limit that counted only the search
    # was overrun by that much, in silence.
    time_limit: float = 60.0
    workers: int = 0  # CP-SAT workers; 0: the tested default (PhaseSwitches.auto_workers)
    seed: int = 0
    deterministic_time: float | None = None  # CP-SAT's deterministic limit, for reproducible runs
    on_progress: Callable[[Progress], None] | None = None
    # Called with each stage as it begins ("compile", "build", "search"), for a progress display.
    on_stage: Callable[[str], None] | None = None
    stop: threading.Event | None = None  # set it to stop the search; the best timetable so far is kept
    phases: PhaseSwitches = PhaseSwitches()
    repair: RepairTuning = RepairTuning()
    # perf_counter() when the time limit began counting; None: when solve() begins (solve_plan sets
    # it before compiling, so that the compile counts too).
    started: float | None = None
    # A greedy first pass before CP-SAT (solver/constructive/, issue 27): on easy schools its certified
    # timetable is the first one, before OR-Tools is even imported (that import alone took ~0.4 s of a
    # 1.0-1.3 s first timetable; benchmarks/RESULTS.md). False: CP-SAT alone, as before.
    constructive: bool = True
    # Its time budget. It goes on while it still gets closer (solver/constructive/run.py, stall_steps),
    # for at most the larger of these two (only the first under a hard rule it does not keep): a greedy
    # that fails costs at most that, and the validator's check of what it placed. FET's easy schools
    # (25-677 lessons) were placed in 3-120 ms; Namibia's full ones in 0.3-4 s, where CP-SAT needed
    # 0.6-30 s, and Kottenpark 2003 in 0.5 s. Some that fail go on getting closer for 6 s and more
    # (rough, issue 27; benchmarks/RESULTS.md): 5 % is 3 s at 60 s.
    constructive_seconds: float = 0.2
    constructive_share: float = 0.05  # of the time limit
    # A certified greedy timetable is CP-SAT's start (its hint, in place of phase 1): the whole time left
    # goes to lowering its cost. False: CP-SAT looks for its own first timetable, as before issue 26.
    warm_start: bool = True

    def starting_now(self) -> SolveParams:
        """These params with the clock started now, unless it already runs."""
        return self if self.started is not None else replace(self, started=perf_counter())

    def seconds_left(self) -> float:
        """What is left of the time limit (the whole limit if the clock has not started)."""
        return self.time_limit if self.started is None else self.time_limit - (perf_counter() - self.started)

    def out_of_time(self) -> bool:
        """The time limit is spent, or the caller asked to stop."""
        return self.seconds_left() <= 0 or (self.stop is not None and self.stop.is_set())

    def stage(self, name: str) -> None:
        if self.on_stage is not None:
            self.on_stage(name)
