"""Reference checks for teaching by hto'ers: a lesson's preferred teachers and a release's teaching minutes.

Called from `solver.domain.plan.check_references`; every issue names its field path, e.g.
`lessons[4].preferred_teachers[0]: 'HUIS' is not one of the lesson's candidates`.
"""

from __future__ import annotations

from collections.abc import Callable

Add = Callable[[str, str], None]


def check_preferred_teachers(lesson, path: str, add: Add) -> None:
    """Preferred teachers are candidates of the lesson, each listed once."""
    if lesson.preferred_teachers and lesson.teacher is not None:
        add(f"{path}.preferred_teachers", f"the lesson has a fixed teacher ('{lesson.teacher}'): there is no "
                                          "choice to prefer (list the teachers under candidates instead)")
        return
    for k, teacher_id in enumerate(lesson.preferred_teachers):
        where = f"{path}.preferred_teachers[{k}]"
        if teacher_id not in lesson.candidates:
            add(where, f"'{teacher_id}' is not one of the lesson's candidates")
        elif teacher_id in lesson.preferred_teachers[:k]:
            add(where, f"teacher '{teacher_id}' is listed twice")


def check_release_teaching(plan, add: Add) -> None:
    """An unqualified hto'er's minimum and target fit within the policy's limit for teaching without a
    qualification (the order min <= target <= max is checked by Release itself)."""
    limit = plan.policy.unqualified_max_teaching_minutes
    for hi, hto in enumerate(plan.htos):
        if hto.qualification != "unqualified":
            continue
        for name in ("min_teaching_minutes", "target_teaching_minutes"):
            minutes = getattr(hto.release, name)
            if minutes is not None and minutes > limit:
                add(f"htos[{hi}].release.{name}",
                    f"{minutes} minutes, but an unqualified hto'er may teach at most {limit} minutes a week "
                    "(policy.unqualified_max_teaching_minutes)")
