"""Syncing in the app: enrolment, the sync page with its progress, conflicts, central devices.

`views`: the pages; its blueprint is registered by the app factory.
`records`: records named in words for the sync page.
"""
