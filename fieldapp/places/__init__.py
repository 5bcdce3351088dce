"""The office's communes and villages: the home page and village management.

`views`: the pages; its blueprint is registered by the app factory.
`templates/places/`: its pages' templates.
`official`: the official province and commune list.
`queries`: its reads and writes.
"""
