"""Run the benchmarks: `python -m bench [--only NAME] [--households N] [--seed S] [--laptops N]
[--office-size 20|200] [--window S] [--store sqlite|postgresql] [--database-url URL]`."""

import argparse
from pathlib import Path

from . import generate, pages, pdf, reports, sync, sync_engine, sync_history, sync_load

OUT = Path(__file__).parent / "out"
HOUSEHOLDS = 100_000


def generated(args):
    """Households of the generated database the benchmarks of pages share."""
    return args.households or HOUSEHOLDS


def database_path(name, households):
    """bench/out/NAME.sqlite3; other sizes get their own file, so a quick run keeps the big one."""
    return OUT / (f"{name}.sqlite3" if households == HOUSEHOLDS
                  else f"{name}-{households}.sqlite3")


def bench_pages(args):
    """Latency of the household, village, worklist and search pages."""
    path = generate.generate(database_path("pages", generated(args)),
                             households=generated(args), seed=args.seed)
    return pages.run(path)


def bench_sync(args):
    """Push, pull, idle and small syncs of 10,000 records with a central server process."""
    return sync.run()


def bench_history(args):
    """Idle sync, 300-change push and pulls (one far behind) on logs of 100,000 and 5,000,000."""
    return sync_history.run(sizes=tuple(args.history) if args.history else sync_history.SIZES)


def bench_engine(args):
    """The sync engine in one process: merging, serving and applying 10,000 records."""
    return sync_engine.run()


def bench_load(args):
    """A province's evening: enrolled laptops in offices push a day's work and pull their mates'."""
    options = {"laptops": args.laptops, "office_size": args.office_size, "window": args.window,
               "workers": args.workers, "worker_threads": args.threads,
               "laptop_processes": args.laptop_processes}
    if args.store == "postgresql":
        return sync_load.run_on_postgresql(database_url=args.database_url, **options)
    return sync_load.run(**options)


def bench_central_reports(args):
    """The central server's reports across offices on a PostgreSQL database of 1,000,000
    households (--households), next to the same pages on SQLite's generated province."""
    from . import central_reports  # it imports this module's database_path
    return central_reports.run(args.households or central_reports.HOUSEHOLDS,
                               url=args.database_url)


def bench_pdf(args):
    """One visit summary and a batch of 100, next to plain WeasyPrint pages of the same text."""
    # Printing needs a few hundred visits, not the big database.
    path = generate.generate(OUT / "pdf.sqlite3", households=2000, seed=args.seed)
    return pdf.run(path)


def bench_reports(args):
    """The dashboard and the year's report for the whole office, next to a trivial page."""
    # The same database as the pages: built once for both.
    path = generate.generate(database_path("pages", generated(args)),
                             households=generated(args), seed=args.seed)
    return reports.run(path)


def bench_encryption(args):
    """The pages and a sync's push and pull on the plain and the encrypted database, as ratios."""
    from . import encryption
    path = generate.generate(database_path("pages", generated(args)),
                             households=generated(args), seed=args.seed)
    return encryption.run(path)


# Name -> function(args); `--only` picks among these.
BENCHMARKS = {"pages": bench_pages, "sync": bench_sync, "engine": bench_engine, "pdf": bench_pdf,
              "reports": bench_reports, "load": bench_load,
              "encryption": bench_encryption, "history": bench_history,
              "central-reports": bench_central_reports}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS),
                        help="run only this benchmark (repeatable); default: all")
    parser.add_argument("--households", type=int,
                        help=f"households in the generated database (default {HOUSEHOLDS:,};"
                             " central-reports: 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generator")
    load = parser.add_argument_group("load", "the province's evening (--only load)")
    load.add_argument("--laptops", type=int, default=sync_load.LAPTOPS,
                      help=f"enrolled laptops syncing (default {sync_load.LAPTOPS:,})")
    load.add_argument("--office-size", type=int, default=sync_load.OFFICE_SIZE,
                      help=f"laptops per office: 20 or 200 (default {sync_load.OFFICE_SIZE})")
    load.add_argument("--window", type=float, default=sync_load.WINDOW,
                      help=f"seconds over which the laptops start (default {sync_load.WINDOW})")
    load.add_argument("--workers", type=int, default=None,
                      help="the central server's worker processes (default: run.py's own)")
    load.add_argument("--threads", type=int, default=None,
                      help="threads in each worker (default: run.py's own)")
    load.add_argument("--laptop-processes", type=int, default=sync_load.LAPTOP_PROCESSES,
                      help="processes the simulated laptops are shared among (default"
                           f" {sync_load.LAPTOP_PROCESSES})")
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the central server's database in the load benchmark: SQLite"
                             " (default) or a PostgreSQL it starts (or --database-url)")
    parser.add_argument("--database-url",
                        help="an empty PostgreSQL database for --store postgresql, or the"
                             " central-reports database to build in or reuse")
    history = parser.add_argument_group("history", "the central log's length (--only history)")
    history.add_argument("--history", type=int, action="append",
                         help="logged changes of a central database, small then big"
                              f" (default {' and '.join(f'{n:,}' for n in sync_history.SIZES)})")
    args = parser.parse_args(argv)
    for name in args.only or BENCHMARKS:
        BENCHMARKS[name](args)


if __name__ == "__main__":
    main()
