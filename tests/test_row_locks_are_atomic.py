"""Issue 8 §2: every service that locks rows (select_for_update) runs inside
transaction.atomic. Outside a transaction PostgreSQL refuses the lock; SQLite ignores
locks, and a test wrapped in one transaction hides it, so "Placement days have started"
and "Programme finished" reached production as a 500. This reads the source: a public
function that takes a lock, itself or through a helper of its module, must be atomic
(decorated, or holding the lock inside ``with transaction.atomic()``)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {".venv", "node_modules", "tests", "migrations"}


def modules_that_lock():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts)
        if not parts & SKIPPED and "select_for_update" in path.read_text():
            yield path


def is_atomic(function) -> bool:
    named = [ast.unparse(d) for d in function.decorator_list]
    within = [
        ast.unparse(item.context_expr)
        for node in ast.walk(function)
        if isinstance(node, ast.With)
        for item in node.items
    ]
    return any(text in ("transaction.atomic", "atomic") for text in named) or any(
        text.startswith(("transaction.atomic(", "atomic(")) for text in within
    )


def unprotected_locks(tree) -> dict[str, bool]:
    """Function name -> whether calling it takes a row lock outside a transaction."""
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    calls = {
        name: {
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for node in ast.walk(function)
            if isinstance(node, ast.Call)
        }
        for name, function in functions.items()
    }
    found: dict[str, bool] = {}

    def locks(name, seen=()):
        if name not in found:
            if is_atomic(functions[name]) or name in seen:
                found[name] = False
            else:
                helpers = calls[name] & functions.keys()
                found[name] = "select_for_update" in calls[name] or any(locks(h, (*seen, name)) for h in helpers)
        return found[name]

    for name in functions:
        locks(name)
    return found


def test_the_walk_finds_the_services_that_lock_rows():
    names = {path.relative_to(ROOT).as_posix() for path in modules_that_lock()}
    assert {
        "placements/services/work_experience.py",
        "notifications/services.py",
        "volunteers/services/campaigns.py",
    } <= names


def test_every_public_function_that_locks_rows_is_atomic():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules_that_lock()
        for name, unprotected in unprotected_locks(ast.parse(path.read_text())).items()
        if unprotected and not name.startswith("_")
    ]
    assert not offenders
