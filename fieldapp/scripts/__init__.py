"""The script library: read a script in the household's language, edit it with history kept.

`views`: the pages; its blueprint is registered by the app factory.
`templates/scripts/`: its pages' templates.
`queries`: its reads and writes.
"""
