"""Households and people: the village's household list, registration, and each household's page.

`views`: the pages; its blueprint is registered by the app factory.
`templates/households/`: its pages' templates.
`queries`: its reads and writes.
"""
