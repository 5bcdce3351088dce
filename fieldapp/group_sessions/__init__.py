"""Small-group session pages: the month's list, recording a session, roster, attendance sheet.

`views`: the pages; its blueprint is registered by the app factory.
`templates/group_sessions/`: its pages' templates.
`queries`: its reads and writes.
"""
