"""Translation review inside the app, for users with the translator permission.

`views`: the pages; its blueprint is registered by the app factory.
`templates/translating/`: its pages' templates.
`queries`: its reads and writes.
"""
