"""Recording door-to-door visits and reading them back.

`views`: the pages; its blueprint is registered by the app factory.
`templates/visits/`: its pages' templates.
`queries`: its reads and writes.
"""
