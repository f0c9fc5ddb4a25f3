"""The batch report: KPIs per lever side by side, what each lever changed against the baseline, the
three-way comparison, as CSV files, plots (matplotlib, PNG) and one HTML page that links them."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from scenarios.regional.levers import LEVERS
from solver.io.files import write_atomic

SHOWN = ["vacancy_minutes", "vacancy_minutes_covered", "coverage", "bound_minutes", "gap_to_bound", "htos_placed",
         "hidden_matches", "output_loss_windows", "travel_minutes", "school_eur_per_lesson_hour_secondment",
         "school_eur_per_lesson_hour_school_contract", "employer_eur_per_lesson_hour_secondment", "certified"]
CHANGED = ["vacancy_minutes_covered", "htos_placed", "travel_minutes", "school_eur_per_lesson_hour_secondment",
           "employer_eur_per_lesson_hour_secondment"]


def kpi_frame(results: list[dict]) -> pd.DataFrame:
    rows = [{"region": r["region"], "lever": r["lever"], "mode": r["mode"], **r["kpis"], "seconds": r["seconds"]}
            for r in results if "kpis" in r]
    return pd.DataFrame(rows).sort_values(["region", "mode", "lever"]).reset_index(drop=True) if rows else pd.DataFrame()


def changes_frame(kpis: pd.DataFrame) -> pd.DataFrame:
    """Per region and lever (joint runs): each KPI's change against that region's baseline."""
    if kpis.empty:
        return kpis
    joint = kpis[kpis["mode"] == "joint"]
    rows = []
    for region, group in joint.groupby("region"):
        base = group[group["lever"] == "baseline"]
        if base.empty:
            continue
        for _, row in group.iterrows():
            if row["lever"] == "baseline":
                continue
            out = {"region": region, "lever": row["lever"]}
            for key in CHANGED:
                b, v = base.iloc[0].get(key), row.get(key)
                out[f"{key}_change"] = None if pd.isna(b) or pd.isna(v) else round(v - b, 2)
            rows.append(out)
    return pd.DataFrame(rows)


def three_way_frame(kpis: pd.DataFrame) -> pd.DataFrame:
    """Per region: the teaching minutes placed (a) jointly, (b) sequentially, (c) with a fixed free day."""
    if kpis.empty:
        return kpis
    base = kpis[kpis["lever"] == "baseline"]
    rows = []
    for region, group in base.groupby("region"):
        got = {m: int(group[group["mode"] == m]["vacancy_minutes_covered"].iloc[0])
               for m in ("joint", "sequential", "fixed_day") if (group["mode"] == m).any()}
        if len(got) < 3:
            continue
        first = group[group["mode"] == "joint"]
        first = int(first["covered_round_1"].iloc[0]) if "covered_round_1" in first else got["joint"]
        ratio = lambda a, b: round(a / b, 2) if b else None  # noqa: E731
        # (a) after its first round too: (b) and (c) get one round, so that is the like-for-like figure
        rows.append({"region": region, "a_joint": got["joint"], "a_joint_round_1": first,
                     "b_sequential": got["sequential"], "c_fixed_day": got["fixed_day"],
                     "a_over_b": ratio(got["joint"], got["sequential"]), "a_over_c": ratio(got["joint"], got["fixed_day"]),
                     "a1_over_b": ratio(first, got["sequential"]), "a1_over_c": ratio(first, got["fixed_day"])})
    return pd.DataFrame(rows)


def _plot(frame: pd.DataFrame, x: str, y: str, by: str, title: str, path: Path) -> Path | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if frame.empty or y not in frame:
        return None
    frame = frame.assign(**{y: pd.to_numeric(frame[y], errors="coerce")}).dropna(subset=[y])
    if frame.empty:
        return None  # nothing to draw (e.g. no placement had that contract form)
    table = frame.pivot_table(index=x, columns=by, values=y, aggfunc="first")
    ax = table.plot.bar(figsize=(11, 5), title=title)
    ax.set_ylabel(y.replace("_", " "))
    ax.set_xticklabels([t.get_text() for t in ax.get_xticklabels()], rotation=30, ha="right")
    ax.legend(title=by, bbox_to_anchor=(1.01, 1), loc="upper left")  # beside the bars, never over them
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=110)
    plt.close(ax.figure)
    return path


def _table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>none</p>"  # a wide table scrolls in its own box; the page never scrolls sideways
    named = "kpi named" if "lever" in frame else "kpi"  # region and lever are words, left-aligned
    return f'<div class="scroll">{frame.to_html(index=False, na_rep="—", border=0, classes=named)}</div>'


def write_report(results: list[dict], failed: list[dict], out: str | Path) -> list[Path]:
    """report.html, kpis.csv, changes.csv, three_way.csv and the plots into `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    kpis = kpi_frame(results)
    changes = changes_frame(kpis)
    three = three_way_frame(kpis)
    written = []
    for name, frame in (("kpis.csv", kpis), ("changes.csv", changes), ("three_way.csv", three)):
        write_atomic(out / name, "\ufeff" + frame.to_csv(index=False, sep=";"))
        written.append(out / name)
    joint = kpis[kpis["mode"] == "joint"] if not kpis.empty else kpis
    plots = [p for p in (
        _plot(joint, "lever", "vacancy_minutes_covered", "region", "Vacancy minutes covered a week, per lever",
              out / "covered_by_lever.png"),
        _plot(joint, "lever", "school_eur_per_lesson_hour_secondment", "region",
              "What a school pays per lesson hour (secondment), per lever", out / "school_cost_by_lever.png"),
        _plot(three.melt(id_vars="region", value_vars=["a_joint", "b_sequential", "c_fixed_day"],
                         var_name="way", value_name="minutes") if not three.empty else three,
              "region", "minutes", "way", "Teaching minutes placed: (a) joint, (b) sequential, (c) fixed free day",
              out / "three_way.png"),
    ) if p is not None]
    written += plots
    failures = "".join(f"<li><b>{html.escape(f['key'])}</b>: {html.escape(f['error'])}</li>" for f in failed)
    levers = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(lever.what)}</td></tr>"
                     for name, lever in LEVERS.items())
    three_text = (_table(three) if not three.empty else
                  "<p>Not run: the three ways run on the baseline lever (leave out <code>--no-three-way</code>).</p>")
    shown = kpis[[c for c in ["region", "lever", "mode", *SHOWN] if c in kpis]] if not kpis.empty else kpis
    page = f"""<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hybrooster regional batch</title>
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:1.5em}} table.kpi{{border-collapse:collapse}}
table.kpi td,table.kpi th{{border:1px solid #bbb;padding:2px 6px;text-align:right}} img{{max-width:100%}}
table.kpi td:first-child,table.kpi th:first-child,table.kpi.named td:nth-child(2),table.kpi.named th:nth-child(2),
table.kpi.levers td{{text-align:left}}
.scroll{{overflow-x:auto;max-width:100%}}</style>
<h1>Regional batch</h1>
<p>{len(results)} units finished{f", {len(failed)} failed" if failed else ""}. Each unit is one region under
one lever, planned one way. Every figure comes from the region planned as a whole and checked by the
validator (column <i>certified</i>; <i>output_loss_windows</i>, the staffing windows short, must be 0).
Minutes are teaching minutes a week; <i>bound_minutes</i> is the most any plan could cover (the match
relaxed over every option), <i>gap_to_bound</i> how far the result is from it. Costs are in euros per
lesson hour of 60 minutes; a negative employer cost means the fee it receives is more than the wage of the
hours away. Method: docs/regional.md.</p>
{f"<h2>Failed units</h2><ul>{failures}</ul>" if failed else ""}
<h2>Planning together: (a) joint, (b) sequential, (c) one fixed free day</h2>
<p>Teaching minutes a week placed, every way at zero output loss. (a) plans school and shifts together;
(b) the school plans first and each company drops what collides with a needed shift; (c) each hto'er gets
one fixed free day chosen by the employer. (a) gets rounds of feedback; <i>a_joint_round_1</i> is (a) after
its first round, as (b) and (c) get.</p>{three_text}
<h2>KPIs per lever</h2>{_table(shown)}
<h2>What each lever changed against the baseline</h2>{_table(changes)}
<h2>The levers</h2><table class="kpi levers">{levers}</table>
<h2>Plots</h2>{"".join(f'<p><img src="{p.name}" alt="{p.stem}"></p>' for p in plots)}
<p>Files: kpis.csv, changes.csv, three_way.csv (semicolon-separated, for Dutch Excel).</p></html>"""
    write_atomic(out / "report.html", page)
    written.append(out / "report.html")
    return written
