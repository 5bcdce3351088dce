"""The sync engine, client and server sides: plain functions, no Flask views."""
