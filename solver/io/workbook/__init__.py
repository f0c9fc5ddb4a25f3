"""The plan as an Excel workbook (issue 22): one sheet per part of the plan, Dutch headers, English aliases."""

from solver.io.workbook.read import WorkbookError, read_workbook
from solver.io.workbook.write import write_workbook

__all__ = ["WorkbookError", "read_workbook", "write_workbook"]
