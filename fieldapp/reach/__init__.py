"""Reach and the counts derived from it: who was reached, kept by triggers for the reports.

The tables and triggers were made by migrations 0009 and 0010; this package is what running
code uses: the groups and keys counted (keys), rebuilding the counts (counts).
"""

from .counts import REACH_COUNTING_TRIGGERS, rebuild_reach_counts  # noqa: F401
