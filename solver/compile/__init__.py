"""Compile: Plan (pydantic, ids) -> ProblemData (frozen, integer-indexed, minutes).

    assemble.py  compile_plan: the steps below, put together into one ProblemData
    periods.py   the period grid; time windows -> the periods they block (the one place)
    options.py   every option of a lesson copy with the reasons it would be pruned for
    rooms.py     compatible rooms, room locks, room pools
    prune.py     options a hard extra constraint rules out on its own (explain mode: reasons)
    extras.py    Plan.constraints -> ExtraData
    staffing.py  the company side: shift instances, hto'ers, law and staffing segments
    horizon.py   the plan's horizon: the week of each cycle in every horizon week, its circle
    history.py   what the weeks before leave the history rules (per horizon week)
"""

from solver.compile.assemble import compile_plan

__all__ = ["compile_plan"]
