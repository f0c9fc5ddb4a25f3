"""An XHSTT-2014 instance and its solutions as frozen Python data; no mapping onto the Plan here.

The reader (`reader.py`) fills these from an archive file; the evaluator (`evaluate.py`) computes
costs from an instance and a solution; the writer (`writer.py`) writes solutions back. Everything
the XHSTT format defines by reference is resolved here: a time group knows its times, a resource
group its resources, an event group its events, and a constraint its points of application
(`Constraint.points`), in the order the file gives them (duplicates kept, as the reference
evaluator KHE/HSEval keeps them: each listed point is monitored once per listing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

# The sixteen constraint types, by their XML element name without the "Constraint" suffix.
EVENT_KINDS = (
    "AssignResource", "AssignTime", "SplitEvents", "DistributeSplitEvents",
    "PreferResources", "PreferTimes",
)
EVENT_GROUP_KINDS = ("AvoidSplitAssignments", "SpreadEvents", "LinkEvents")
EVENT_PAIR_KINDS = ("OrderEvents",)
RESOURCE_KINDS = (
    "AvoidClashes", "AvoidUnavailableTimes", "LimitIdleTimes", "ClusterBusyTimes",
    "LimitBusyTimes", "LimitWorkload",
)
CONSTRAINT_KINDS = EVENT_KINDS + EVENT_GROUP_KINDS + EVENT_PAIR_KINDS + RESOURCE_KINDS
COST_FUNCTIONS = ("Linear", "Quadratic", "Step")


class XhsttFormatError(ValueError):
    """Input that is not a readable XHSTT archive, or a solution that does not fit its instance.
    The message names the file, the line where known, and the element's place."""


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Time:
    id: str
    name: str
    index: int  # position in the instance's list of times: the order "earlier"/"later" refers to
    day: str | None = None  # the Day time group it names, if any
    week: str | None = None  # the Week time group it names, if any


@dataclass(frozen=True)
class TimeGroup:
    id: str
    name: str
    kind: str  # "Day", "Week" or "TimeGroup"
    times: tuple[int, ...] = ()  # time indices, ascending (a time group is a set)


@dataclass(frozen=True)
class ResourceType:
    id: str
    name: str


@dataclass(frozen=True)
class ResourceGroup:
    id: str
    name: str
    resource_type: str
    resources: tuple[str, ...] = ()  # resource ids, in file order


@dataclass(frozen=True)
class Resource:
    id: str
    name: str
    resource_type: str
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventResource:
    """One resource slot of an event: preassigned (`resource` set) or open (to be assigned in a
    solution, found there by its `role`). Slots made from an event's <ResourceGroups> are
    preassigned, without a role, and name the group in `from_group`."""
    resource_type: str
    role: str | None = None
    resource: str | None = None
    workload: int = 0
    from_group: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    duration: int
    workload: int  # the event's <Workload>, else its duration
    time: str | None = None  # preassigned time id
    resources: tuple[EventResource, ...] = ()
    course: str | None = None
    groups: tuple[str, ...] = ()  # event groups it names in <EventGroups> (its course not repeated)
    color: str | None = None

    def role_index(self, role: str) -> int | None:
        """The position of the slot with this role in `resources`, or None."""
        for i, er in enumerate(self.resources):
            if er.role == role:
                return i
        return None


@dataclass(frozen=True)
class EventGroup:
    id: str
    name: str
    kind: str  # "Course" or "EventGroup"
    events: tuple[str, ...] = ()  # event ids, in file order


@dataclass(frozen=True)
class EventPair:
    """A point of application of OrderEventsConstraint."""
    first: str
    second: str
    min_separation: int = 0
    max_separation: int | None = None  # None: no maximum


@dataclass(frozen=True)
class SpreadLimit:
    time_group: str
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Constraint:
    """One constraint. `kind` is the element name without "Constraint". `points` are its points of
    application, expanded: event ids (event kinds), event group ids (event group kinds), resource ids
    (resource kinds) or, for OrderEvents, the indices into `pairs` as strings. Only the parameters
    of the constraint's kind are set; the rest keep their defaults."""
    kind: str
    id: str
    name: str
    required: bool
    weight: int
    cost_function: str
    points: tuple[str, ...] = ()
    applies_to: tuple[tuple[str, str], ...] = ()  # as written: ("EventGroup", id), ("Resource", id)...
    role: str | None = None  # AssignResource, PreferResources, AvoidSplitAssignments
    minimum: int = 0  # DistributeSplitEvents, LimitIdle/ClusterBusy/LimitBusyTimes, LimitWorkload
    maximum: int = 0
    duration: int | None = None  # DistributeSplitEvents; PreferTimes (optional)
    min_duration: int = 1  # SplitEvents
    max_duration: int = 0
    min_amount: int = 0
    max_amount: int = 0
    times: frozenset[int] = frozenset()  # PreferTimes, AvoidUnavailableTimes (times and time groups)
    time_groups: tuple[str, ...] = ()  # LimitIdleTimes, ClusterBusyTimes, LimitBusyTimes
    spread: tuple[SpreadLimit, ...] = ()  # SpreadEvents
    resources: frozenset[str] = frozenset()  # PreferResources (resources and resource groups)
    pairs: tuple[EventPair, ...] = ()  # OrderEvents


@dataclass(frozen=True)
class Instance:
    id: str
    name: str
    metadata: Mapping[str, str]
    times: tuple[Time, ...]
    time_groups: Mapping[str, TimeGroup]
    resource_types: Mapping[str, ResourceType]
    resource_groups: Mapping[str, ResourceGroup]
    resources: Mapping[str, Resource]
    event_groups: Mapping[str, EventGroup]
    events: Mapping[str, Event]
    constraints: tuple[Constraint, ...]
    time_index: Mapping[str, int] = field(default_factory=dict)

    @staticmethod
    def make(**kwargs) -> "Instance":
        """An Instance with its mappings read-only and `time_index` filled in."""
        for key in ("metadata", "time_groups", "resource_types", "resource_groups", "resources",
                    "event_groups", "events"):
            kwargs[key] = _frozen(kwargs[key])
        kwargs["time_index"] = _frozen({t.id: t.index for t in kwargs["times"]})
        return Instance(**kwargs)

    def total_duration(self) -> int:
        return sum(e.duration for e in self.events.values())


@dataclass(frozen=True)
class SolutionResource:
    role: str
    resource: str


@dataclass(frozen=True)
class SolutionEvent:
    """A sub-event as a solution gives it. None for duration or time means "not given": the
    evaluator fills in the event's duration and its preassigned time (see evaluate.normalise)."""
    event: str
    duration: int | None = None
    time: str | None = None
    resources: tuple[SolutionResource, ...] = ()


@dataclass(frozen=True)
class Solution:
    instance: str  # the instance it refers to (<Solution Reference=...>)
    events: tuple[SolutionEvent, ...] = ()
    description: str | None = None
    running_time: str | None = None


@dataclass(frozen=True)
class SolutionGroup:
    id: str
    metadata: Mapping[str, str]
    solutions: tuple[Solution, ...] = ()


@dataclass(frozen=True)
class Archive:
    id: str | None
    instances: tuple[Instance, ...]
    solution_groups: tuple[SolutionGroup, ...] = ()

    def instance(self, instance_id: str | None = None) -> Instance:
        """The instance with this id, or the first one. KeyError names the ids there are."""
        if instance_id is None:
            if not self.instances:
                raise KeyError("the archive holds no instance")
            return self.instances[0]
        for ins in self.instances:
            if ins.id == instance_id:
                return ins
        known = ", ".join(i.id for i in self.instances) or "none"
        raise KeyError(f"no instance '{instance_id}' in the archive (there are: {known})")

    def solutions(self, instance_id: str) -> list[tuple[str, Solution]]:
        """(solution group id, solution) for every solution of this instance, in file order."""
        return [(g.id, s) for g in self.solution_groups for s in g.solutions if s.instance == instance_id]
