"""The sync pages people use: enrolment, the sync page with its progress, conflicts, central devices.

Named apart from `sync/` (the engine these pages drive) and `fieldapp/sync_server_api.py` (the HTTP
API laptops call); the blueprint keeps its name, `syncing`, and its templates `templates/syncing/`.

`views`: the pages; its blueprint is registered by the app factory.
`records`: records named in words for the sync page.
"""
