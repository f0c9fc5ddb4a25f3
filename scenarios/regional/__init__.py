"""The regional run (issue 23): match candidates to vacancies, schedule each school with its matched
hto'ers through the one CP-SAT core, certify the whole region, and compare policy levers in batches.

    eligible  -> which candidate may teach which vacancy lesson, and how many minutes a week at most
    match     -> the aggregated weekly match (CP-SAT), with a bound on the vacancy minutes coverable
    schedule  -> one school at a time, with its hto'ers, their employers, and what is already fixed
    assemble  -> the region as one Plan and one Timetable, certified by the independent validator
    run       -> rounds of match and schedule (feedback of what could not be placed), three ways
    kpis, levers, batch, report -> the figures, the policy levers, many regions on Dask, the report
"""
