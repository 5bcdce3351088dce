"""Administration: area offices with their communes, and user accounts.

`views`: the pages; its blueprint is registered by the app factory.
`templates/admin/`: its pages' templates.
"""
