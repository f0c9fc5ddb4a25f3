"""The XHSTT benchmark's table and the figures issue 26's Acceptance asks for, from the CSV rows alone.

Kept apart from benchmarks/xhstt.py (which solves) so that the arithmetic can be tested on a made-up
table. A row is one instance at one checkpoint (benchmarks.xhstt.COLUMNS); values are as written to
the CSV ('' for none), so rows read back from a CSV give the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# issue 26, Acceptance "Quality": GOAL's soft costs on the three Kottenpark years, to meet or beat.
GOAL = {"NL-KP-03": 199, "NL-KP-05": 425, "NL-KP-09": 1620}
WITHIN = 0.10  # "soft cost within 10 % of the best known"


def read_best_known(readme: Path) -> dict[str, tuple[int, int]]:
    """instance -> (hard, soft) from the data folder's README table (the column 'best known hard / soft');
    {} when the README is not there. A row whose cell does not read as 'H / S' is left out."""
    if not readme.is_file():
        return {}
    best: dict[str, tuple[int, int]] = {}
    column = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if column is None:
            column = next((i for i, c in enumerate(cells) if c.lower().startswith("best known")), None)
            continue
        if column >= len(cells):
            continue
        parts = cells[column].split("/")
        if len(parts) == 2 and all(p.strip().isdigit() for p in parts):
            best[cells[0]] = (int(parts[0]), int(parts[1]))
    return best


def _int(value) -> int | None:
    return None if value in ("", None) else int(value)


def _num(value) -> float | None:
    return None if value in ("", None) else float(value)


def within(hard: int | None, soft: int | None, best_hard: int | None, best_soft: int | None) -> bool | None:
    """No worse in hard than the best known, and soft at most 10 % above it (best 0: soft 0). None: no best known."""
    if best_hard is None or best_soft is None:
        return None
    if hard is None or soft is None:
        return False
    return hard <= best_hard and soft <= best_soft * (1 + WITHIN)


@dataclass
class InstanceFigures:
    """One instance over its checkpoints: what the Markdown table shows and the summary counts."""

    instance: str
    imported: bool
    note: str
    left_out: int = 0  # constraints left out by --ignore-unsupported
    checkpoints: dict[int, tuple[int | None, int | None, bool]] = field(default_factory=dict)  # s -> hard, soft, certified
    bound_xhstt: int | None = None  # at the last checkpoint
    optimal: bool = False  # the last checkpoint's solve proved its timetable optimal for the plan
    best_hard: int | None = None
    best_soft: int | None = None
    first_hard0_s: float | None = None

    @property
    def last(self) -> tuple[int | None, int | None, bool]:
        return self.checkpoints[max(self.checkpoints)] if self.checkpoints else (None, None, True)

    @property
    def within(self) -> bool | None:
        hard, soft, certified = self.last
        ok = within(hard, soft, self.best_hard, self.best_soft)
        return ok and certified if ok is not None else None


def per_instance(rows: list[dict]) -> list[InstanceFigures]:
    """The rows grouped by instance, in order of first appearance; the last checkpoint is the largest."""
    out: dict[str, InstanceFigures] = {}
    for row in rows:
        name = row["instance"]
        fig = out.get(name)
        if fig is None:
            fig = out[name] = InstanceFigures(
                instance=name, imported=row["imported"] == "yes", note=row.get("note", ""),
                left_out=_int(row.get("left_out", "")) or 0,
                best_hard=_int(row["best_hard"]), best_soft=_int(row["best_soft"]),
                first_hard0_s=_num(row["first_hard0_s"]))
        if not fig.imported or row["checkpoint_s"] in ("", None):
            continue
        at = int(float(row["checkpoint_s"]))
        fig.checkpoints[at] = (_int(row["hard"]), _int(row["soft"]), row["certified"] in ("yes", ""))
        if at == max(fig.checkpoints):
            fig.bound_xhstt = _int(row["bound_xhstt"])
            fig.optimal = row["status"] == "OPTIMAL"
            fig.first_hard0_s = _num(row["first_hard0_s"])
    return list(out.values())


@dataclass
class Summary:
    hard0: int  # instances at hard 0 (certified) of those whose best known hard is 0
    hard0_of: int
    within: int  # soft within 10 % of the best known (last checkpoint, certified)
    within_of: int  # instances in the run
    goal: dict[str, tuple[int | None, int, bool, bool]]  # NL-KP-0x -> (our soft, GOAL's, at most GOAL's, imported)
    beaten: list[str]  # hard 0 and soft below a best known soft above 0
    proven: list[str]  # best known soft above 0, our solve OPTIMAL (for the plan as imported)
    uncertified: list[str]


def summarise(figures: list[InstanceFigures]) -> Summary:
    hard0 = [f for f in figures if f.best_hard == 0]
    done = lambda f: f.imported and f.checkpoints and f.last[0] == 0 and f.last[2]  # noqa: E731
    goal = {}
    for f in figures:
        if f.instance in GOAL:
            soft = f.last[1] if done(f) else None
            goal[f.instance] = (soft, GOAL[f.instance], soft is not None and soft <= GOAL[f.instance], f.imported)
    above0 = [f for f in figures if done(f) and f.best_soft is not None and f.best_soft > 0]
    return Summary(
        hard0=sum(1 for f in hard0 if done(f)), hard0_of=len(hard0),
        within=sum(1 for f in figures if f.within), within_of=len(figures),
        goal=goal,
        beaten=[f.instance for f in above0 if f.last[1] < f.best_soft],
        proven=[f.instance for f in above0 if f.optimal],
        uncertified=[f.instance for f in figures if any(not c for _, _, c in f.checkpoints.values())],
    )


def _cell(hard: int | None, soft: int | None, certified: bool) -> str:
    if hard is None:
        return "none"
    return f"{hard} / {soft}" + ("" if certified else " (UNCERTIFIED)")


def markdown(rows: list[dict], checkpoints: list[int]) -> str:
    """The Markdown table (one line per instance) and the Acceptance's summary counts under it."""
    figures = per_instance(rows)
    head = (["instance", "imported"] + [f"hard / soft at {c} s" for c in checkpoints]
            + ["bound (XHSTT soft)", "best known", "soft within 10 %", "first hard 0 (s)"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in figures:
        best = "" if f.best_hard is None else f"{f.best_hard} / {f.best_soft}"
        if not f.imported:
            cells = [f.instance, f"no: {f.note}"] + [""] * len(checkpoints) + ["", best, "no", ""]
        else:
            ok = {True: "yes", False: "no", None: ""}[f.within]
            bound = "" if f.bound_xhstt is None else str(f.bound_xhstt) + (" (optimal)" if f.optimal else "")
            first = "" if f.first_hard0_s is None else f"{f.first_hard0_s:.1f}"
            imported = "yes" if not f.left_out else f"yes, {f.left_out} left out"
            cells = ([f.instance, imported] + [_cell(*f.checkpoints.get(c, (None, None, True))) for c in checkpoints]
                     + [bound, best, ok, first])
        lines.append("| " + " | ".join(cells) + " |")
    s = summarise(figures)
    lines += ["", f"- hard cost 0 on {s.hard0} of the {s.hard0_of} instances whose best known hard cost is 0",
              f"- soft cost within 10 % of the best known on {s.within} of {s.within_of}"]
    for name, (soft, goal, ok, imported) in s.goal.items():
        ours = "not imported" if not imported else "no timetable with hard cost 0" if soft is None else f"soft {soft}"
        lines.append(f"- {name}: {ours} against GOAL's {goal}: {'at most GOAL' if ok else 'above GOAL'}")
    lines.append(f"- best known beaten: {', '.join(s.beaten) or 'none'}; proven optimal for the plan as imported "
                 f"(CP-SAT's bound): {', '.join(s.proven) or 'none'}")
    if s.uncertified:
        lines.append(f"- UNCERTIFIED (our validator found hard violations): {', '.join(s.uncertified)}")
    return "\n".join(lines)
