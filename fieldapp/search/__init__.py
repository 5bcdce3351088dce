"""The search page.

`views`: the pages; its blueprint is registered by the app factory.
`templates/search/`: its pages' templates.
`queries`: its reads and writes.
"""
