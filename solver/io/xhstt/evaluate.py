"""An independent XHSTT-2014 evaluator: the infeasibility value (hard) and the objective value
(soft) of a solution, per constraint and per point of application, for all 16 constraint types.

It follows the published definitions as the reference evaluator (KHE/HSEval) computes them:
each point of application has one deviation, a whole number (for types that look at several time
groups, the sum of the deviations of the time groups); its cost is weight x f(deviation) with f
Linear (d), Quadratic (d*d) or Step (1 if d > 0); a constraint costs the sum over its points;
the infeasibility value is the sum over the Required constraints, the objective value over the
others. How each type finds its deviation is in docs/xhstt.md and at each function below.

Plain Python on the model only: no CP-SAT, no Plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from math import ceil

from .model import Constraint, Instance, Solution
from .subevents import SubEvent, normalise


@dataclass(frozen=True)
class PointCost:
    point: str  # event, event group or resource id; for OrderEvents "first>second"
    deviation: int
    cost: int


@dataclass(frozen=True)
class ConstraintCost:
    constraint: Constraint
    cost: int
    points: tuple[PointCost, ...]  # the points with a positive deviation, in AppliesTo order

    @property
    def id(self) -> str:
        return self.constraint.id

    @property
    def required(self) -> bool:
        return self.constraint.required


@dataclass(frozen=True)
class Evaluation:
    instance: str
    infeasibility: int
    objective: int
    constraints: tuple[ConstraintCost, ...]

    def constraint_cost(self, constraint_id: str) -> int:
        return next(c.cost for c in self.constraints if c.id == constraint_id)


def cost_of(constraint: Constraint, deviation: int) -> int:
    """weight x f(deviation) for the constraint's cost function."""
    if deviation <= 0:
        return 0
    if constraint.cost_function == "Linear":
        return constraint.weight * deviation
    if constraint.cost_function == "Quadratic":
        return constraint.weight * deviation * deviation
    return constraint.weight  # Step


class _State:
    """What the deviations are computed from: the sub-events, and per resource its tasks by time
    and its workload."""

    def __init__(self, ins: Instance, subs: dict[str, list[SubEvent]]):
        self.ins = ins
        self.subs = subs
        self.tasks_at: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.workload: dict[str, Fraction] = defaultdict(Fraction)
        for eid, items in subs.items():
            event = ins.events[eid]
            for sub in items:
                for slot, resource in enumerate(sub.resources):
                    if resource is None:
                        continue
                    # a task's workload is its slot's workload in proportion to the sub-event
                    self.workload[resource] += Fraction(event.resources[slot].workload * sub.duration,
                                                        event.duration)
                    for t in sub.times():
                        self.tasks_at[resource][t] += 1

    def busy(self, resource: str) -> set[int]:
        """The times at which the resource attends at least one sub-event."""
        return {t for t, n in self.tasks_at.get(resource, {}).items() if n > 0}

    def role_tasks(self, eid: str, role: str | None):
        """(sub-event, assigned resource or None) for the slot of this role in each sub-event."""
        slot = self.ins.events[eid].role_index(role) if role is not None else None
        if slot is None:
            return []
        return [(sub, sub.resources[slot]) for sub in self.subs[eid]]


def _outside(value: int, minimum: int, maximum: int) -> int:
    return minimum - value if value < minimum else value - maximum if value > maximum else 0


# --- event constraints: a point is an event -------------------------------------------------

def _assign_resource(s: _State, c: Constraint, eid: str) -> int:
    """Total duration of the sub-events whose slot of the role has no resource."""
    return sum(sub.duration for sub, r in s.role_tasks(eid, c.role) if r is None)


def _assign_time(s: _State, c: Constraint, eid: str) -> int:
    """Total duration of the sub-events without a time."""
    return sum(sub.duration for sub in s.subs[eid] if sub.start is None)


def _split_events(s: _State, c: Constraint, eid: str) -> int:
    """Sub-events of a duration outside [MinimumDuration, MaximumDuration], plus the amount by
    which their number falls short of MinimumAmount or exceeds MaximumAmount."""
    subs = s.subs[eid]
    bad = sum(1 for sub in subs if not c.min_duration <= sub.duration <= c.max_duration)
    return bad + _outside(len(subs), c.min_amount, c.max_amount)


def _distribute_split_events(s: _State, c: Constraint, eid: str) -> int:
    """How far the number of sub-events of exactly Duration lies outside [Minimum, Maximum]."""
    n = sum(1 for sub in s.subs[eid] if sub.duration == c.duration)
    return _outside(n, c.minimum, c.maximum)


def _prefer_resources(s: _State, c: Constraint, eid: str) -> int:
    """Total duration of the sub-events whose slot of the role holds a resource outside the
    preferred ones (an empty slot is AssignResource's business, not this one's)."""
    return sum(sub.duration for sub, r in s.role_tasks(eid, c.role)
               if r is not None and r not in c.resources)


def _prefer_times(s: _State, c: Constraint, eid: str) -> int:
    """Total duration of the sub-events (of Duration, when given) that start at a time outside
    the preferred ones; sub-events without a time do not count."""
    return sum(sub.duration for sub in s.subs[eid]
               if sub.start is not None and (c.duration is None or sub.duration == c.duration)
               and sub.start not in c.times)


# --- event group constraints: a point is an event group ---------------------------------------

def _avoid_split_assignments(s: _State, c: Constraint, gid: str) -> int:
    """The number of distinct resources in the role's slots over all sub-events of the group's
    events, less one."""
    resources = {r for eid in s.ins.event_groups[gid].events for _, r in s.role_tasks(eid, c.role)
                 if r is not None}
    return max(0, len(resources) - 1)


def _spread_events(s: _State, c: Constraint, gid: str) -> int:
    """For each time group, how far the number of the group's sub-events that start in it lies
    outside its [Minimum, Maximum]; summed."""
    starts = [sub.start for eid in s.ins.event_groups[gid].events for sub in s.subs[eid]
              if sub.start is not None]
    total = 0
    for limit in c.spread:
        times = s.ins.time_groups[limit.time_group].times
        n = sum(1 for t in starts if t in times)
        total += _outside(n, limit.minimum, limit.maximum)
    return total


def _link_events(s: _State, c: Constraint, gid: str) -> int:
    """The number of times at which some, but not all, of the group's events are running."""
    events = s.ins.event_groups[gid].events
    running: dict[int, int] = defaultdict(int)
    for eid in events:
        for t in {t for sub in s.subs[eid] for t in sub.times()}:
            running[t] += 1
    return sum(1 for n in running.values() if 0 < n < len(events))


# --- OrderEvents: a point is a pair of events -------------------------------------------------

def _order_events(s: _State, c: Constraint, index: str) -> int:
    """With every sub-event of both events timed: how far (start of the second event's earliest
    sub-event) - (end of the first event's latest) lies outside [MinSeparation, MaxSeparation]."""
    pair = c.pairs[int(index)]
    first, second = s.subs[pair.first], s.subs[pair.second]
    if any(sub.start is None for sub in first + second) or not first or not second:
        return 0
    gap = min(sub.start for sub in second) - max(sub.start + sub.duration for sub in first)
    if gap < pair.min_separation:
        return pair.min_separation - gap
    if pair.max_separation is not None and gap > pair.max_separation:
        return gap - pair.max_separation
    return 0


# --- resource constraints: a point is a resource ----------------------------------------------

def _avoid_clashes(s: _State, c: Constraint, rid: str) -> int:
    """For each time, the number of sub-events the resource attends then, less one; summed."""
    return sum(n - 1 for n in s.tasks_at.get(rid, {}).values() if n > 1)


def _avoid_unavailable_times(s: _State, c: Constraint, rid: str) -> int:
    """The number of the constraint's times at which the resource is busy."""
    return len(s.busy(rid) & c.times)


def _idle(times: tuple[int, ...], busy: set[int]) -> int:
    """Times of the group at which the resource is free, between its first and last busy time
    in the group."""
    positions = [i for i, t in enumerate(times) if t in busy]
    if not positions:
        return 0
    return (positions[-1] - positions[0] + 1) - len(positions)


def _limit_idle_times(s: _State, c: Constraint, rid: str) -> int:
    """How far the resource's idle times, summed over the time groups, lie outside [Min, Max]."""
    busy = s.busy(rid)
    idle = sum(_idle(s.ins.time_groups[g].times, busy) for g in c.time_groups)
    return _outside(idle, c.minimum, c.maximum)


def _cluster_busy_times(s: _State, c: Constraint, rid: str) -> int:
    """How far the number of time groups in which the resource is busy lies outside [Min, Max]."""
    busy = s.busy(rid)
    active = sum(1 for g in c.time_groups if busy.intersection(s.ins.time_groups[g].times))
    return _outside(active, c.minimum, c.maximum)


def _limit_busy_times(s: _State, c: Constraint, rid: str) -> int:
    """For each time group in which the resource is busy at all, how far its number of busy
    times there lies outside [Min, Max]; summed (a time group where it is free costs nothing)."""
    busy = s.busy(rid)
    total = 0
    for g in c.time_groups:
        n = len(busy.intersection(s.ins.time_groups[g].times))
        if n > 0:
            total += _outside(n, c.minimum, c.maximum)
    return total


_TOLERANCE = Fraction(1, 1000)  # as KHE, which sums workloads in floating point


def _limit_workload(s: _State, c: Constraint, rid: str) -> int:
    """How far the resource's workload lies outside [Min, Max], rounded up. A task's workload is
    its slot's <Workload> (default: the event's workload, default its duration) times the
    sub-event's duration over the event's duration."""
    w = s.workload.get(rid, Fraction(0))
    if w < c.minimum - _TOLERANCE:
        return ceil(c.minimum - _TOLERANCE - w)
    if w > c.maximum + _TOLERANCE:
        return ceil(w - c.maximum - _TOLERANCE)
    return 0


DEVIATION = {
    "AssignResource": _assign_resource, "AssignTime": _assign_time,
    "SplitEvents": _split_events, "DistributeSplitEvents": _distribute_split_events,
    "PreferResources": _prefer_resources, "PreferTimes": _prefer_times,
    "AvoidSplitAssignments": _avoid_split_assignments, "SpreadEvents": _spread_events,
    "LinkEvents": _link_events, "OrderEvents": _order_events,
    "AvoidClashes": _avoid_clashes, "AvoidUnavailableTimes": _avoid_unavailable_times,
    "LimitIdleTimes": _limit_idle_times, "ClusterBusyTimes": _cluster_busy_times,
    "LimitBusyTimes": _limit_busy_times, "LimitWorkload": _limit_workload,
}


def _point_name(c: Constraint, point: str) -> str:
    if c.kind == "OrderEvents":
        pair = c.pairs[int(point)]
        return f"{pair.first}>{pair.second}"
    return point


def evaluate(ins: Instance, sol: Solution) -> Evaluation:
    """The costs of a solution. Raises XhsttFormatError for a solution that does not fit the
    instance (see subevents.normalise)."""
    state = _State(ins, normalise(ins, sol))
    results = []
    hard = soft = 0
    for c in ins.constraints:
        deviation_of = DEVIATION[c.kind]
        points = []
        total = 0
        for point in c.points:
            d = deviation_of(state, c, point)
            if d > 0:
                cost = cost_of(c, d)
                total += cost
                points.append(PointCost(_point_name(c, point), d, cost))
        results.append(ConstraintCost(c, total, tuple(points)))
        if c.required:
            hard += total
        else:
            soft += total
    return Evaluation(ins.id, hard, soft, tuple(results))


def empty_solution(ins: Instance) -> Solution:
    """The solution that assigns nothing (every event one unassigned sub-event)."""
    return Solution(instance=ins.id)
