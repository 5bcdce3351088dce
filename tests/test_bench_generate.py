"""The benchmarks' generated database: `make bench` builds it through the app's own code."""

import json

from bench import generate
from fieldapp.db import connect, upgrade


def test_a_small_generated_database_is_built_then_reused(tmp_path, capsys):
    path = tmp_path / "pages.sqlite3"
    generate.generate(path, households=60, seed=7)
    generate.generate(path, households=60, seed=7)

    built, reused = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (built["reused"], reused["reused"]) == (False, True)
    assert built["households"] == reused["households"] == 60
    db = connect(path)
    assert upgrade(db) == []  # every step of the app and of the sync engine was applied
    assert db.execute("select count(*) from households").fetchone()[0] == 60
    # The demo office's rows went through the store: logged for sync like any other write.
    assert db.sync.log_count(0) > 0
