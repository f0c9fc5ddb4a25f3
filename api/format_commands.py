"""The commands of the school file formats (FET, issue 3; XHSTT, issue 26): a file to PLAN.json and a timetable
back to the format. The CLI's handlers call these, as the others call api/commands.py (which holds
check_same_plan, shared here)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from api.commands import check_same_plan
from solver.domain import Plan, PlanError, PlanIssue, Timetable, load_plan, load_timetable
from solver.domain.base import MAX_FILE_BYTES
from solver.io.files import check_writable, write_atomic

if TYPE_CHECKING:  # the formats' modules are imported where they are used
    from solver.io.fet_export import FetExport
    from solver.io.fet_import import FetImport
    from solver.io.xhstt.plan_files import XhsttCosts, XhsttImport


# --- FET files (issue 3) -------------------------------------------------------------------------

@contextmanager
def _naming(path: str | Path):
    """A FetFormatError that does not name its file gets the file's name in front."""
    from solver.io.fet_xml import FetFormatError

    try:
        yield
    except FetFormatError as error:
        if str(path) in str(error):
            raise
        raise FetFormatError(f"{path}: {error}") from None


@dataclass
class FetImportRun:
    plan_path: Path
    mapping_path: Path
    result: FetImport


def import_fet_file(*, fet_path: str | Path, out_path: str | Path,
                    ignore_unsupported: bool = False) -> FetImportRun:
    """Import a .fet file as a plan; write PLAN.json and PLAN.fetmap.json (the exporter's mapping).

    Raises FetUnsupportedError (listing what cannot be imported) unless ignore_unsupported.
    """
    from solver.io.fet_import import import_fet, mapping_json, mapping_path_for, plan_json

    out = check_writable(out_path, inputs=(fet_path,))
    check_writable(mapping_path_for(out), inputs=(fet_path,))
    fet = Path(fet_path)
    if fet.is_file() and fet.stat().st_size > MAX_FILE_BYTES:
        raise PlanError([PlanIssue(path="", message=f"the file is {fet.stat().st_size / 2**20:.0f} MiB; at most "
                                                    f"{MAX_FILE_BYTES // 2**20} MiB is read (docs/limits.md)")],
                        str(fet_path))
    with _naming(fet_path):
        result = import_fet(fet_path, ignore_unsupported=ignore_unsupported)
    plan_path = write_atomic(out, plan_json(result))
    mapping_path = write_atomic(mapping_path_for(out), mapping_json(result))
    return FetImportRun(plan_path=plan_path, mapping_path=mapping_path, result=result)


def export_fet_file(*, plan_path: str | Path, timetable_path: str | Path, out_path: str | Path,
                    fet_path: str | Path | None = None, keep_soft: bool = True,
                    force: bool = False) -> tuple[Path, FetExport]:
    """Write FET's "data and timetable" form of a timetable of an imported plan (every activity locked).

    Raises FetDroppedBrokenError, writing nothing, if the timetable breaks a 100% constraint the import
    left out (fet-cl would reject the file), unless force."""
    from solver.io.fet_export import FetDroppedBrokenError, export_fet, load_mapping

    plan = load_plan(plan_path)
    timetable = load_timetable(timetable_path)
    check_same_plan(plan, timetable, plan_path=plan_path, timetable_path=timetable_path)
    mapping = load_mapping(plan_path)
    inputs = (plan_path, timetable_path, fet_path or mapping.get("source") or plan_path)
    out = check_writable(out_path, inputs=inputs)
    with _naming(fet_path or mapping.get("source") or plan_path):
        export = export_fet(plan, timetable, mapping=mapping, source=fet_path, keep_soft=keep_soft)
    if export.broken and not force:
        raise FetDroppedBrokenError(export.broken)
    out = write_atomic(out, export.xml)
    return out, export


# --- XHSTT files (issue 26; the work is in solver/io/xhstt/plan_files.py) ------------------------------

def import_xhstt_file(*, xml_path: str | Path, out_path: str | Path, instance_id: str | None = None,
                      ignore_unsupported: bool = False, split: str = "shortest") -> tuple[Path, XhsttImport]:
    """Import one instance of an XHSTT archive as a plan that remembers its source (out_path checked first;
    XhsttUnsupportedError, writing nothing, lists what cannot be stated unless ignore_unsupported)."""
    from solver.io.xhstt.plan_files import import_xhstt, plan_json

    out = check_writable(out_path, inputs=(xml_path,))
    result = import_xhstt(xml_path, instance_id, ignore_unsupported=ignore_unsupported, split=split)
    return write_atomic(out, plan_json(result.plan)), result


def export_xhstt_file(*, plan_path: str | Path, timetable_path: str | Path, out_path: str | Path,
                      with_instance: bool = False) -> tuple[Path, XhsttCosts]:
    """Write the timetable of a plan imported from XHSTT as an XHSTT solution (XhsttSourceError, writing
    nothing, for another plan)."""
    from solver.io.xhstt.plan_files import source_file, timetable_costs, write_solution

    plan = load_plan(plan_path)
    source = source_file(plan, plan_path)
    timetable = load_timetable(timetable_path)
    check_same_plan(plan, timetable, plan_path=plan_path, timetable_path=timetable_path)
    out = check_writable(out_path, inputs=(plan_path, timetable_path, source))
    costs = timetable_costs(plan, timetable, plan_path)
    return write_solution(out, costs, Path(plan_path).name, with_instance=with_instance), costs


def xhstt_costs(*, plan: Plan, timetable: Timetable, plan_path: str | Path) -> XhsttCosts | None:
    """The XHSTT costs of a timetable of a plan imported from XHSTT; None for any other plan."""
    from solver.io.xhstt.plan_files import timetable_costs

    return timetable_costs(plan, timetable, plan_path) if plan.source is not None else None
