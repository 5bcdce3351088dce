"""Step 0020: the reach counts of one group and year across every office, found by an index
that holds every column a report reads (the central server's reports read a year of every
office's counts; the key began with the office).
"""

NAME = "0020_reach_counts_by_year"


def migrate(db):
    db.execute("CREATE INDEX idx_reach_counts_year ON reach_counts"
               "(dim, year, kind, office_id, key, months, n)")
