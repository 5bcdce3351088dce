"""Worklist pages: per village, per office and per officer.

`views`: the pages; its blueprint is registered by the app factory.
`templates/worklists/`: its pages' templates.
`queries`: its reads and writes.
"""
