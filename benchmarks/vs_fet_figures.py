"""The summary figures of a vs-FET run (issue 27), from the per-file medians of benchmarks.vs_fet.

Per file, each side's time is the median over its runs (a run without a timetable counts as
infinitely slow, so a side solves a file when it solves more than half of its runs; a Hybrooster run
counts only with 0 hard violations); the ratio is Hybrooster's median over FET's.
"""

from __future__ import annotations

import math
import statistics

SLOW_FET = 1.0  # seconds: "where FET needs at least 1 s" (issue 27's acceptance)
EASY_FET = 0.2  # seconds: "files where FET needs under 0.2 s"


def figures(files: list[dict]) -> dict:
    """`files`: vs_fet.per_file's lines. The figures issue 27 asks for, unrounded."""
    solved = lambda f, side: math.isfinite(f[side])  # noqa: E731
    both = [f for f in files if f["ratio"] is not None]
    slow = [f for f in both if f["fet"] >= SLOW_FET]
    easy = [f for f in files if solved(f, "fet") and f["fet"] < EASY_FET]

    def worst(among: list[dict]):
        top = max(among, key=lambda f: f["ratio"], default=None)
        return None if top is None else (top["file"], top["ratio"])

    return {
        "files": len(files),
        "fet_solved": sum(solved(f, "fet") for f in files),
        "hyb_solved": sum(solved(f, "hyb") for f in files),
        "both": len(both),
        "hyb_missed": [f["file"] for f in files if solved(f, "fet") and not solved(f, "hyb")],
        "fet_missed": [f["file"] for f in files if solved(f, "hyb") and not solved(f, "fet")],
        "median_ratio": statistics.median(f["ratio"] for f in both) if both else None,
        "median_ratio_slow": statistics.median(f["ratio"] for f in slow) if slow else None,
        "slow": len(slow),
        "worst": worst(both),
        "worst_slow": worst(slow),
        "easy": len(easy),
        "easy_hyb_median": statistics.median(f["hyb"] for f in easy) if easy else None,
    }


def _ratio(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def _worst(value) -> str:
    return "—" if value is None else f"{value[1]:.2f} ({value[0]})"


def _names(names: list[str]) -> str:
    return str(len(names)) + (": " + ", ".join(names) if names else "")


def figures_table(files: list[dict]) -> list[str]:
    """Markdown: the figures of `figures`, ratios with three decimals (a median just above 1 never shows 1.00)."""
    f = figures(files)
    easy = f["easy_hyb_median"]
    return [
        "| figure (per-file medians) | value |", "|---|---|",
        f"| files | {f['files']} |",
        f"| solved by FET | {f['fet_solved']}/{f['files']} |",
        f"| solved by Hybrooster (certified) | {f['hyb_solved']}/{f['files']} |",
        f"| missed by Hybrooster where FET solved | {_names(f['hyb_missed'])} |",
        f"| missed by FET where Hybrooster solved | {_names(f['fet_missed'])} |",
        f"| median ratio Hybrooster/FET, files both solve ({f['both']}) | {_ratio(f['median_ratio'])} |",
        f"| median ratio where FET needs >= {SLOW_FET:g} s ({f['slow']}) | {_ratio(f['median_ratio_slow'])} |",
        f"| worst ratio, files both solve | {_worst(f['worst'])} |",
        f"| worst ratio where FET needs >= {SLOW_FET:g} s | {_worst(f['worst_slow'])} |",
        f"| median Hybrooster s where FET needs < {EASY_FET:g} s ({f['easy']}; from the import, in this process) | "
        + ("—" if easy is None else "none" if not math.isfinite(easy) else f"{easy:.3f}") + " |",
    ]


FILE_COLUMNS = ["file", "runs", "fet_solved", "fet_median_s", "hyb_solved", "hyb_median_s", "ratio"]


def file_rows(files: list[dict]) -> list[dict]:
    """The per-file table as CSV rows: medians in seconds ('' where a side solved half its runs or fewer)."""
    shown = lambda t: round(t, 3) if math.isfinite(t) else ""  # noqa: E731
    return [{"file": f["file"], "runs": f["runs"], "fet_solved": f["fet_solved"], "fet_median_s": shown(f["fet"]),
             "hyb_solved": f["hyb_solved"], "hyb_median_s": shown(f["hyb"]),
             "ratio": "" if f["ratio"] is None else round(f["ratio"], 3)} for f in files]
