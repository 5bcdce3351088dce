"""Translation review inside the app, for users with the translator permission.

`views`: the pages; its blueprint is registered by the app factory.
`templates/translating/`: its pages' templates.
`queries`: its reads and writes (every string and its state, reviews, coverage, .po export).
`glossary`: the field's terms per language (translations/glossary/*.csv) and the check that the
catalogs' drafts use them (`python -m fieldapp.translating.glossary --check`).
`sheet`: review sheets (XLSX) out, and back in through the store.
"""
