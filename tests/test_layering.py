"""The solver core must not depend on web, database or API code (DESIGN: api -> solver only)."""

import ast
from pathlib import Path

FORBIDDEN = ("api", "fastapi", "starlette", "sqlalchemy", "alembic", "uvicorn", "httpx", "requests")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_solver_imports_no_web_or_database_code():
    """No module under solver/ imports api, FastAPI, SQLAlchemy or an HTTP client."""
    root = Path(__file__).resolve().parents[1] / "solver"
    offenders = {
        str(path.relative_to(root.parent)): sorted(_imports(path) & set(FORBIDDEN))
        for path in root.rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_validator_is_independent_of_the_model_builder():
    """The validator recomputes everything itself: it imports neither CP-SAT nor the builder."""
    root = Path(__file__).resolve().parents[1] / "solver"
    files = [root / "validate.py", *sorted((root / "validation").glob("*.py"))]
    for path in files:
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("solver.cpsat", "solver.compile", "solver.pipeline", "ortools")), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("ortools") for a in node.names), path
