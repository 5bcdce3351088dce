"""The history benchmark (bench/sync_history.py) runs, small: two sizes, one round."""

import json


def test_the_history_benchmark_runs_small(capsys):
    from bench import sync_history
    summary = sync_history.run(sizes=(1000, 3000), rounds=1)
    assert {"idle_ratio", "push_ratio", "pull_ratio", "far_behind_pull_ratio"} <= set(summary)
    lines = [line for line in capsys.readouterr().out.splitlines() if '"history"' in line]
    sizes = [json.loads(line) for line in lines if '"measure"' in line]
    # The same office on both, with more history on the second.
    assert sizes[1]["logged_changes"] - sizes[0]["logged_changes"] == 2000
    assert sizes[1]["log_entries_emptied"] > 0  # past its first thousand, records are edited
