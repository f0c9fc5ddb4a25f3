"""What each role may see of a plan and a timetable. Every answer that carries timetable data goes through
here, so that the privacy rules live in one place:

- a roosteraar sees their school's timetable and, of their hto'ers, only when each is busy at the company
  (`hto_busy`: day, start, end): never the shifts, the staffing, other staff or the reasons of marks;
- a planner sees their own staff's shifts and when their hto'ers teach (`teaching`: day, start, end,
  school), never pupils, groups, lessons, rooms or other teachers;
- an hto'er sees their own lessons and their own shifts;
- a coordinator (their region) and an admin see everything.
"""

from __future__ import annotations

from api.deps import Caller
from solver.domain import Plan, Timetable
from solver.domain.base import CALENDAR_DAYS as DAYS

# Rules that are about the companies: their costs are not the school's business.
EMPLOYER_RULES = frozenset({
    "sme_unavailable_mark", "staffing_demand", "staff_one_shift_at_a_time", "reroster_keeps_contract",
    "roster_change", "compact_release", "sme_unavailable_preference"})
EMPLOYER_KPIS = frozenset({"hto_secondment_cost_eur_incl_vat", "shifts_added", "shifts_removed", "partial_releases"})


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _minus(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) without the holes (the released parts of a shift)."""
    parts = [(start, end)]
    for hole_start, hole_end in holes:
        parts = [piece for a, b in parts
                 for piece in ((a, min(b, hole_start)), (max(a, hole_end), b)) if piece[0] < piece[1]]
    return parts


def hto_busy(plan: Plan, timetable: Timetable | None) -> list[dict]:
    """Per hto'er of the plan, when they are at the company: the worked parts of their shifts (the released
    parts taken out) per week of the cycle, and their marks (every week). No shift names, no reasons."""
    busy = []
    for hto in plan.htos:
        windows: set[tuple[int | None, str, str, str]] = set()
        for roster in timetable.rosters if timetable is not None else ():
            if roster.employer != hto.employer or roster.staff != hto.staff:
                continue
            start, end = _minutes(roster.start), _minutes(roster.end)
            end += 24 * 60 if end <= start else 0
            holes = [(_minutes(w.start), _minutes(w.end)) for w in roster.released if w.day == roster.day]
            windows.update((roster.week, roster.day, _hhmm(a), _hhmm(b)) for a, b in _minus(start, end, holes))
        windows.update((None, m.day, m.start, m.end) for m in plan.unavailable_marks if m.staff == hto.staff)
        order = sorted(windows, key=lambda w: (w[0] or 0, DAYS.index(w[1]) if w[1] in DAYS else 9, w[2], w[3]))
        busy.append({"hto": hto.id, "teacher": hto.teacher,
                     "busy": [{"week": week, "day": day, "start": a, "end": b} for week, day, a, b in order]})
    return busy


def school_timetable(plan: Plan, timetable: Timetable) -> dict:
    """A roosteraar's view: the school's part; of the companies only when each hto'er is busy."""
    data = timetable.model_dump(mode="json")
    data.pop("rosters"), data.pop("removed_shifts"), data.pop("released", None)
    data["soft_cost"] = {rule: cost for rule, cost in data["soft_cost"].items() if rule not in EMPLOYER_RULES}
    data["kpis"] = {name: value for name, value in data["kpis"].items() if name not in EMPLOYER_KPIS}
    data["objective"] = data["bound"] = None  # they add up company costs too
    data["hto_busy"] = hto_busy(plan, timetable)
    return data


def employer_timetable(plan: Plan, timetable: Timetable, employer: str) -> dict:
    """A planner's view: their staff's shifts, and when (not what) their hto'ers teach."""
    teachers = {h.teacher: h for h in plan.htos if h.employer == employer}
    teaching = [{"hto": teachers[p.teacher].id, "staff": teachers[p.teacher].staff, "school": p.school,
                 "day": p.day, "start": p.start, "end": p.end}
                for p in timetable.placements if p.teacher in teachers]
    return {
        "plan_fingerprint": timetable.plan_fingerprint, "status": timetable.status,
        "rosters": [r.model_dump(mode="json") for r in timetable.rosters if r.employer == employer],
        "removed_shifts": [r.model_dump(mode="json") for r in timetable.removed_shifts if r.employer == employer],
        "teaching": sorted(teaching, key=lambda t: (t["staff"], t["day"], t["start"])),
        "hto_teaching": [h.model_dump(mode="json") for h in timetable.hto_teaching if h.employer == employer],
        "soft_cost": {rule: cost for rule, cost in timetable.soft_cost.items() if rule in EMPLOYER_RULES},
    }


def hto_timetable(plan: Plan, timetable: Timetable, staff: str, employer: str) -> dict:
    """An hto'er's own week: their lessons (as their teacher id) and their shifts."""
    hto = next((h for h in plan.htos if h.staff == staff and h.employer == employer), None)
    teacher = hto.teacher if hto is not None else None
    return {
        "plan_fingerprint": timetable.plan_fingerprint, "status": timetable.status,
        "hto": hto.id if hto is not None else None,
        "placements": [p.model_dump(mode="json") for p in timetable.placements if teacher and p.teacher == teacher],
        "rosters": [r.model_dump(mode="json") for r in timetable.rosters
                    if r.employer == employer and r.staff == staff],
    }


def timetable_for(caller: Caller, plan: Plan, timetable: Timetable) -> dict:
    """The timetable as the caller may see it (the routes have checked that they may see it at all)."""
    if caller.role in ("admin", "coordinator"):
        return timetable.model_dump(mode="json")
    if caller.role == "roosteraar":
        return school_timetable(plan, timetable)
    if caller.role == "planner":
        return employer_timetable(plan, timetable, caller.org.code)
    if caller.role == "hto":
        return hto_timetable(plan, timetable, caller.user.staff_code, caller.org.code)
    raise ValueError(f"unknown role {caller.role}")


def school_plan(plan: Plan) -> dict:
    """A roosteraar's view of the assembled plan: the school's part, hto'ers without their employer's data."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    data.pop("employers", None)
    data.pop("unavailable_marks", None)
    return data


# --- checks: validator reports, explanations and why, as a school may see them ----------------------------

# Rules whose words name a company's shifts, staff, marks or staffing: a school sees that one is broken, not how.
COMPANY_RULE_PREFIXES = ("atw_",)
COMPANY_RULES = EMPLOYER_RULES | {"hto_no_lesson_during_work"}
SAFE_ENTITIES = ("hto", "teacher", "employer", "day")
SUMMARY_EN = "A rule of the hto'er's company is broken ({rule}); the company's planner sees the details."
SUMMARY_NL = "Een regel van het bedrijf van de hto'er wordt overtreden ({rule}); de planner van het bedrijf ziet de details."


def is_company_rule(rule: str) -> bool:
    return rule in COMPANY_RULES or rule.startswith(COMPANY_RULE_PREFIXES)


def _summarised(item: dict) -> dict:
    """A violation (as a dict) of a company rule, with its words and entities reduced to what a school may see."""
    return {**item, "entities": {k: v for k, v in item.get("entities", {}).items() if k in SAFE_ENTITIES},
            "message_en": SUMMARY_EN.format(rule=item["rule"]), "message_nl": SUMMARY_NL.format(rule=item["rule"])}


def _school_violations(items: list[dict]) -> list[dict]:
    return [_summarised(item) if is_company_rule(item["rule"]) else item for item in items]


def report_for(caller: Caller, report: dict) -> dict:
    """The validator's report (ValidationReport.to_dict) as the caller may see it: for a roosteraar the company
    rules summarised, their soft cost left out, and no warnings about other staff."""
    if caller.role != "roosteraar":
        return report
    breakdown = {rule: cost for rule, cost in report.get("breakdown", {}).items() if not is_company_rule(rule)}
    out = {**report, "breakdown": breakdown, "soft_cost": sum(breakdown.values()),
           "violations": _school_violations(report.get("violations", [])), "warnings": []}
    out.pop("not_checked", None)  # staff ids of the companies
    return out


def explanation_for(caller: Caller, explanation: dict) -> dict:
    """An explanation (Explanation.to_dict) as the caller may see it: for a roosteraar the company rules'
    items summarised, and the claims and summaries about them replaced by a sentence."""
    if caller.role != "roosteraar":
        return explanation
    items, hidden = [], False
    for item in explanation.get("items", []):
        if is_company_rule(item["rule"]):
            hidden = True
            item = {**_summarised(item), "key": [item["rule"]]}
        items.append(item)
    claims = [claim for claim in explanation.get("claims", [])
              if not any(is_company_rule(str(key[0])) for key in claim.get("keys", []) if key)]
    out = {**explanation, "items": items, "claims": claims}
    if hidden:
        rules = ", ".join(sorted({i["rule"] for i in items if is_company_rule(i["rule"])}))
        out["summary_en"] = (f"The plan has no timetable; the conflict includes rules of an hto'er's company "
                             f"({rules}): the items below name them, their planner sees the details.")
        out["summary_nl"] = (f"Het plan heeft geen rooster; het conflict bevat regels van het bedrijf van een "
                             f"hto'er ({rules}): de items hieronder noemen ze, de planner ziet de details.")
    return out


def why_for(caller: Caller, report: dict) -> dict:
    """A why report (WhyReport.to_dict) as the caller may see it: for a roosteraar the company rules' words
    summarised and their cost left out."""
    if caller.role != "roosteraar":
        return report
    alternatives = []
    for alt in report.get("alternatives", []):
        hidden = any(is_company_rule(v["rule"]) for v in [*alt.get("broken", []), *alt.get("preferences", [])])
        alt = {**alt, "broken": _school_violations(alt.get("broken", [])),
               "preferences": _school_violations(alt.get("preferences", [])),
               "cost_delta": {r: c for r, c in alt.get("cost_delta", {}).items() if not is_company_rule(r)}}
        if hidden:
            rules = ", ".join(alt.get("rules", []))
            alt["summary_en"] = f"Here it would break: {rules} (company rules: their planner sees the details)."
            alt["summary_nl"] = f"Hier zou het breken: {rules} (regels van het bedrijf: de planner ziet de details)."
        alternatives.append(alt)
    soft = {r: c for r, c in report.get("soft_cost", {}).items() if not is_company_rule(r)} \
        if isinstance(report.get("soft_cost"), dict) else report.get("soft_cost")
    return {**report, "alternatives": alternatives, "soft_cost": soft}
