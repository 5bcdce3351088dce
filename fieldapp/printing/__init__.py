"""Printed summaries: a visit's for the household, a session's with its attendance sheet.

`views`: the pages; its blueprint is registered by the app factory.
`templates/printing/`: its pages' templates.
`documents`: the printed documents rendered to PDF (loaded only when a PDF is asked for).
`render`: HTML to PDF with WeasyPrint, fetching only the app's own static files.
`summaries`: what the printed summaries show.
"""
