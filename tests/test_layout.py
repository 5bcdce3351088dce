"""The code's layout: every module imports on its own, and the sync engine stays free of Flask."""

import ast
import io
import os
import re
import subprocess
import sys
import tokenize
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("fieldapp", "forms", "sync")
# Prints the flask modules the import loaded, to tell the engine's imports apart. scrypt (the
# standard library's) answers at once: fieldapp.accounts hashes a dummy password as it is
# imported, which took half of each interpreter's time and has nothing to do with the order.
PROBE = ("import hashlib, sys; hashlib.scrypt = lambda password, **k: bytes(k.get('dklen', 64));"
         " import {module}; print(any(m.split('.')[0] == 'flask' for m in sys.modules))")


def module_names():
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = module_names()


def _import_alone(module):
    # A fresh interpreter each: a module that imports only because another was imported
    # first (a circular import hidden by the order) fails here.
    return subprocess.run([sys.executable, "-c", PROBE.format(module=module)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def imported():
    # A small pool: the machine's cores are shared, and each interpreter starts in well under
    # a second.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(MODULES, pool.map(_import_alone, MODULES)))


def test_every_package_is_found():
    for package in PACKAGES:
        assert package in MODULES
    assert "fieldapp.households.views" in MODULES and "sync.merge" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_on_its_own(imported, module):
    result = imported[module]
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", [m for m in MODULES if m.split(".")[0] == "sync"])
def test_sync_engine_never_imports_flask(imported, module):
    result = imported[module]
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False", f"{module} loads flask"


# What names SQLite: the module, its errors, a connection, or a statement's first words.
_SQLITE = re.compile(r"sqlite|\.conn\b|\.execute\(|\bpragma\b|\b(?:select|insert into|update"
                     r"|delete from)\s+[\w*\[]+\s+(?:from|set|where)\b", re.IGNORECASE)


def test_only_the_sqlite_store_speaks_sqlite():
    # The engine reaches its data through sync.store.Store alone: the PostgreSQL store for the
    # central server plugs in beside sync/sqlite/ (sync/postgresql/) without touching the rest.
    engine = [path for path in (ROOT / "sync").rglob("*.py")
              if not {"sqlite", "postgresql"} & set(path.relative_to(ROOT / "sync").parts)]
    assert ROOT / "sync" / "merge.py" in engine and len(engine) > 10
    speaking = [f"{path.relative_to(ROOT)}:{number}: {text}"
                for path in engine for number, text in _code(path) if _SQLITE.search(text)]
    assert speaking == []


def _code(path):
    """(line, text) of the module's code: its names and strings, not comments or docstrings."""
    source = path.read_text()
    docstrings = {node.value.lineno for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                  and isinstance(node.value.value, str)}
    lines, end = {}, (0, 0)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE) or (
                token.type == tokenize.STRING and token.start[0] in docstrings):
            continue
        gap = " " * (token.start[1] - end[1]) if token.start[0] == end[0] else ""
        lines[token.start[0]] = lines.get(token.start[0], "") + gap + token.string
        end = token.end
    return sorted(lines.items())


def test_the_sqlite_check_would_see_sql():
    # The check above would pass vacuously if its pattern matched nothing.
    store = _code(ROOT / "sync" / "sqlite" / "store.py")
    assert len([text for _, text in store if _SQLITE.search(text)]) > 10
    assert _SQLITE.search('rows = db.execute("select 1")')
    assert _SQLITE.search("select id from users where x")
    assert not _SQLITE.search("Select the rows the device may see, from its office")


def test_the_probe_sees_flask_when_it_is_loaded():
    # The check above would pass vacuously if the probe never saw flask at all.
    result = _import_alone("fieldapp.households.views")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_the_office_scope_is_written_once():
    # Which rows lie in an office is decided by places.queries.in_office; the reports count and
    # list by every office at once, their own way (reports/scope.py, counting.py, listings.py),
    # and migrations are frozen.
    own_ways = {ROOT / "fieldapp" / "places" / "queries.py"}
    own_packages = {ROOT / "fieldapp" / "reports", ROOT / "fieldapp" / "migrations"}
    written_out = [str(path.relative_to(ROOT)) for package in PACKAGES
                   for path in (ROOT / package).rglob("*.py")
                   if path not in own_ways and path.parent not in own_packages
                   and "office_communes oc on" in path.read_text()]
    assert written_out == []


# The template names the code renders, and those templates extend, include or import.
_RENDERED = re.compile(r"render_template\(\s*\"([^\"]+)\"")
_PDF_RENDERED = re.compile(r"render_(?:pdf|html)\(\s*\"([^\"]+)\"")
_NAMED_IN_TEMPLATE = re.compile(r"{%-?\s*(?:extends|include|import|from)\s+\"([^\"]+)\"")


def template_names():
    """Every template name written in the code and the templates, with where it is written."""
    names = {}
    for path in (ROOT / "fieldapp").rglob("*.py"):
        text = path.read_text()
        for name in _RENDERED.findall(text):
            names.setdefault(name, path)
        for name in _PDF_RENDERED.findall(text):
            names.setdefault(f"pdf/{name}", path)
    for path in (ROOT / "fieldapp").glob("**/templates/**/*.html"):
        for name in _NAMED_IN_TEMPLATE.findall(path.read_text()):
            names.setdefault(name, path)
    return names


def test_every_template_named_is_where_its_area_keeps_it(app):
    # An area's templates sit in its package (fieldapp/visits/templates/visits/); the shared ones
    # (base, forms, the printed pages' pdf/) in fieldapp/templates. A template left in the shared
    # folder, or put in the wrong area, would still load today and hide where it belongs.
    names = template_names()
    assert "visits/new.html" in names and "pdf/visit_summary.html" in names
    assert len(names) > 50
    shared = Path(app.root_path) / app.template_folder
    misplaced = []
    for name, written_in in sorted(names.items()):
        area = app.blueprints.get(name.split("/")[0])
        if area is not None and area.template_folder:
            home = Path(area.root_path) / area.template_folder
        else:
            home = shared
        with app.app_context():
            loaded = app.jinja_env.get_template(name).filename
        if loaded != str(home / name):
            misplaced.append(f"{name} (named in {written_in.relative_to(ROOT)}), loaded from"
                             f" {Path(loaded).relative_to(ROOT)}")
    assert misplaced == []


def test_no_area_keeps_its_templates_in_the_shared_folder(app):
    shared = Path(app.root_path) / app.template_folder
    with_folders = [name for name, area in app.blueprints.items() if area.template_folder]
    assert "visits" in with_folders and "syncing" in with_folders
    assert [name for name in with_folders if (shared / name).exists()] == []


def _loaded(module, prefix):
    probe = (f"import sys, {module}; "
             f"print(sorted(m for m in sys.modules if m.startswith('{prefix}')))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_visit_pages_load_nothing_of_printing():
    # The visit page shows the record's short code; that is a text helper, not printing's.
    assert _loaded("fieldapp.visits.views", "fieldapp.printing") == "[]"
    assert _loaded("fieldapp.printing.views", "fieldapp.printing") != "[]"


def test_the_languages_module_holds_no_page(app):
    # i18n is imported by most of the app: its one page, the language switch, lives apart.
    from flask import Blueprint

    from fieldapp import i18n
    assert [name for name, value in vars(i18n).items() if isinstance(value, Blueprint)] == []
    assert app.view_functions["i18n.switch_language"].__module__ == "fieldapp.i18n_views"
    assert app.url_map.bind("localhost").match("/language", method="POST") == (
        "i18n.switch_language", {})
