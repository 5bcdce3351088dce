"""The policy figures page: every figure with the day it applies from, its legal source and
whether it is confirmed; written by the central server's administrators only."""
