"""The batch report: KPIs per lever side by side, what each lever changed against the baseline, the
three-way comparison, as CSV files, plots (matplotlib, PNG) and one HTML page that links them."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

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
        rows.append({"region": region, "a_joint": got["joint"], "b_sequential": got["sequential"],
                     "c_fixed_day": got["fixed_day"],
                     "a_over_b": round(got["joint"] / got["sequential"], 2) if got["sequential"] else None,
                     "a_over_c": round(got["joint"] / got["fixed_day"], 2) if got["fixed_day"] else None})
    return pd.DataFrame(rows)


def _plot(frame: pd.DataFrame, x: str, y: str, by: str, title: str, path: Path) -> Path | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if frame.empty or y not in frame:
        return None
    table = frame.pivot_table(index=x, columns=by, values=y, aggfunc="first")
    ax = table.plot.bar(figsize=(9, 4.5), rot=30, title=title)
    ax.set_ylabel(y.replace("_", " "))
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=110)
    plt.close(ax.figure)
    return path


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, na_rep="—", border=0, classes="kpi") if not frame.empty else "<p>none</p>"


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
    shown = kpis[[c for c in ["region", "lever", "mode", *SHOWN] if c in kpis]] if not kpis.empty else kpis
    page = f"""<!doctype html><html lang="en"><meta charset="utf-8"><title>Hybrooster regional batch</title>
<style>body{{font:14px/1.4 system-ui,sans-serif;margin:1.5em}} table.kpi{{border-collapse:collapse}}
table.kpi td,table.kpi th{{border:1px solid #bbb;padding:2px 6px;text-align:right}} img{{max-width:100%}}</style>
<h1>Regional batch</h1>
<p>{len(results)} units finished{f", {len(failed)} failed" if failed else ""}. Every figure comes from a region
certified by the validator (column <i>certified</i>). Coverage is measured against the match's bound
(<i>gap_to_bound</i>). Method: docs/regions.md.</p>
{f"<h2>Failed units</h2><ul>{failures}</ul>" if failed else ""}
<h2>Planning together: (a) joint, (b) sequential, (c) one fixed free day</h2>{_table(three)}
<h2>KPIs per lever</h2>{_table(shown)}
<h2>What each lever changed against the baseline</h2>{_table(changes)}
<h2>Plots</h2>{"".join(f'<p><img src="{p.name}" alt="{p.stem}"></p>' for p in plots)}
<p>Files: kpis.csv, changes.csv, three_way.csv (semicolon-separated, for Dutch Excel).</p></html>"""
    write_atomic(out / "report.html", page)
    written.append(out / "report.html")
    return written
