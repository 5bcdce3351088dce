"""Reach and the counts derived from it: who was reached, kept by triggers for the reports.

Migrations 0009 and 0010 made the tables and their triggers from their own frozen SQL; this
package is what running code uses: the groups and keys counted (keys), rebuilding the counts
(counts), and whether a report's periods are read from the counts or over reach (paths).
"""

from .counts import (REACH_COUNTING_TRIGGERS, REACH_FILTER_TRIGGERS,  # noqa: F401
                     rebuild_reach_counts)
