"""The search page.

`views`: the pages; its blueprint is registered by the app factory.
`queries`: its reads and writes.
"""
