"""Recording door-to-door visits and reading them back.

`views`: the pages; its blueprint is registered by the app factory.
`queries`: its reads and writes.
"""
