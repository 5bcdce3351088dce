"""Released migration steps are frozen: each module's text is pinned by its SHA-256."""

import ast
import hashlib
from pathlib import Path

import pytest

from fieldapp.migrations import STEPS, migrations
from sync.sqlite import schema as sync_schema

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path(__file__).parent / "migration_steps.sha256"
FROZEN = "released steps are frozen: add a new step"


def released():
    """{path from the repository root: SHA-256} as committed in the manifest."""
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines if line)}


def step_files():
    return sorted((ROOT / "fieldapp" / "migrations").glob("step_*.py"))


def sync_step_files():
    """The sync engine's own steps, frozen the same way."""
    return sorted((ROOT / "sync" / "sqlite").glob("step_*.py"))


@pytest.mark.parametrize("path", sorted(released()))
def test_a_released_step_is_unchanged(path):
    found = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    assert found == released()[path], f"{path} changed: {FROZEN}, and restore this one"


def test_every_step_module_is_released_and_registered_in_order():
    """A step module is listed in the manifest, registered in STEPS, and named by its step."""
    names = [Path(step.__file__).name for step in STEPS]
    assert names == [p.name for p in step_files()]
    unlisted = [f"fieldapp/migrations/{name}" for name in names
                if f"fieldapp/migrations/{name}" not in released()]
    assert unlisted == [], "add each new step's SHA-256 to tests/migration_steps.sha256"
    assert [m.name for m in migrations._migrations] == [step.NAME for step in STEPS]
    assert all(Path(step.__file__).stem == f"step_{step.NAME}" for step in STEPS)


def test_every_sync_step_module_is_released_and_registered_in_order():
    names = [Path(step.__file__).name for step in sync_schema.STEPS]
    assert names == [p.name for p in sync_step_files()] and names
    assert [f"sync/sqlite/{name}" for name in names if f"sync/sqlite/{name}" not in
            released()] == [], "add each new step's SHA-256 to tests/migration_steps.sha256"
    assert [m.name for m in sync_schema.migrations._migrations] == [
        step.NAME for step in sync_schema.STEPS]
    assert all(Path(step.__file__).stem == f"step_{step.NAME.removeprefix('sync_')}"
               for step in sync_schema.STEPS)


@pytest.mark.parametrize("path", step_files() + sync_step_files(), ids=lambda p: p.stem)
def test_a_step_imports_nothing_that_later_code_can_edit(path):
    """A step's behaviour lives in its own text: it imports only the standard library."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import"
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
    assert imported <= {"json", "pathlib", "time", "uuid"}, path.name

