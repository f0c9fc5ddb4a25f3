"""`hybrooster batch`: regional runs for many regions and policy levers on Dask, with a progress bar and
a report (scenarios/regional/, docs/regions.md). Resumable: run the same command again after a stop."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.cli.printers import say
from api.commands import EXIT_ERROR, EXIT_OK

EXIT_INTERRUPTED = 130  # as api.cli's own Ctrl-C


def add_parsers(sub) -> None:
    p = sub.add_parser("batch", help="regional runs: match hto candidates to schools' vacancies and compare the "
                                     "policy levers, on Dask (see docs/regions.md)")
    p.add_argument("regions", nargs="+", metavar="SCENARIO_OR_DIR",
                   help="region presets (brainport, rijnmond, twente), region .json files, or folders of them")
    p.add_argument("--levers", nargs="+", default=None, metavar="LEVER",
                   help="levers to compare, e.g. baseline no_vat unqualified=480 compensation=20,elasticity=1.0 "
                        "shorter_route own_network (default: all of them)")
    p.add_argument("--out", default="regional-runs", metavar="DIR", help="where units and the report go "
                                                                          "(default: regional-runs)")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                   help="an existing Dask scheduler (default: a local cluster on this machine)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="local Dask worker processes (default 1)")
    p.add_argument("--seed", type=int, default=1, help="the seed of generated regions (default 1)")
    p.add_argument("--scale", type=float, default=1.0, help="the size of generated regions (default 1.0)")
    p.add_argument("--school-seconds", type=float, default=20.0, metavar="S",
                   help="time limit of each school's solve (default 20)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of match and schedule (default 3)")
    p.add_argument("--deterministic", type=float, default=None, metavar="S",
                   help="reproducible runs: CP-SAT's deterministic time limit per solve (one worker each)")
    p.add_argument("--no-three-way", action="store_true",
                   help="skip the sequential and fixed-free-day runs of the baseline")
    p.set_defaults(handler=batch)


def batch(args, out, err) -> int:
    from scenarios.regional.batch import plan_units, run_batch, usable_cores
    from scenarios.regional.levers import LeverError
    from scenarios.regional.report import write_report
    from scenarios.regional.run import RunSettings

    if args.workers < 1 or args.rounds < 1 or args.school_seconds <= 0 or args.scale <= 0:
        say(err, "--workers and --rounds must be at least 1, --school-seconds and --scale above 0")
        return EXIT_ERROR
    try:
        units = plan_units(args.regions, args.levers, seed=args.seed, scale=args.scale,
                           three_way=not args.no_three_way)
    except (ValueError, LeverError) as error:
        say(err, f"batch: {error}")
        return EXIT_ERROR
    settings = RunSettings(school_seconds=args.school_seconds, rounds=args.rounds,
                           deterministic_time=args.deterministic)
    if args.scheduler and args.workers != 1:
        say(err, "note: --workers is for a local cluster; with --scheduler the scheduler's workers run the units")
    elif not args.scheduler and args.workers > usable_cores():
        say(err, f"note: {args.workers} workers on {usable_cores()} cores: units will wait for each other's cores")
    say(out, f"{len(units)} units into {args.out} "
             f"({'scheduler ' + args.scheduler if args.scheduler else f'{args.workers} local worker(s)'}); "
             "finished units are skipped, so the same command resumes a stopped batch")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=out, transient=False) as progress:
        task = progress.add_task("regions × levers", total=len(units))

        def done(result: dict, count: int, total: int) -> None:
            mark = "failed" if "error" in result else "done"
            progress.update(task, completed=count, description=f"{result['key']} {mark}")
            if not out.is_terminal:  # a log file gets a line per unit instead of a redrawn bar
                say(out, f"[{count}/{total}] {result['key']} {mark}")

        try:
            outcome = run_batch(units, args.out, settings, scheduler=args.scheduler, workers=args.workers,
                                on_done=done)
        except KeyboardInterrupt:
            progress.stop()
            say(err, "stopped. Finished units are kept: run the same command again to go on where it stopped.")
            return EXIT_INTERRUPTED
    written = write_report(outcome.results, outcome.failed, args.out)
    uncertified = []
    for result in sorted(outcome.results, key=lambda r: r["key"]):
        k = result["kpis"]
        hours = lambda minutes: f"{minutes / 60:.1f} h"  # noqa: E731
        if not k.get("certified"):
            uncertified.append(result["key"])
        say(out, f"{result['key']}: {hours(k['vacancy_minutes_covered'])} of {hours(k['vacancy_minutes'])} a week "
                 f"of vacancies taught (at most {hours(k['bound_minutes'])} possible), {k['htos_placed']} hto'ers, "
                 f"staffing windows short: {k['output_loss_windows']}, "
                 f"{'certified' if k.get('certified') else 'NOT certified: see hard_by_rule in its result.json'}"
                 f"{' (finished before)' if result['key'] in outcome.skipped else ''}")
    for failure in outcome.failed:
        say(err, f"{failure['key']} failed: {failure['error']}")
    say(out, f"report: {Path(args.out) / 'report.html'} ({len(written)} files); per unit its folder holds plan.json, "
             "timetable.json, result.json and views/ (index.html: every school, employer and hto'er)")
    return EXIT_ERROR if outcome.failed or uncertified else EXIT_OK
