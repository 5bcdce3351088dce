"""A throwaway PostgreSQL for the benchmarks: the test suite's (tests/postgres.py: Debian's
postgres in a temporary folder, a socket, a free port, fsync off), with room for big databases."""

import sys
from pathlib import Path

# Production-like memory for a database of millions of rows; the tests' 32 MB would measure
# the operating system's cache instead. Bulk loads write a lot of WAL between checkpoints.
BIG = {"shared_buffers": "1GB", "max_wal_size": "8GB", "maintenance_work_mem": "512MB",
       "max_connections": "100"}


def postgres_module():
    """tests/postgres.py, imported from the benchmarks."""
    folder = str(Path(__file__).resolve().parent.parent / "tests")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import postgres
    return postgres


def start(settings=None):
    """A started server (stop() removes it and its folder); Unavailable says why not."""
    return postgres_module().start(settings)


def new_database(settings=None):
    """(server, URL of a new empty database on it)."""
    server = start(settings)
    try:
        return server, server.url(server.create_database())
    except BaseException:
        server.stop()
        raise
