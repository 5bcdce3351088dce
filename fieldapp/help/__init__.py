"""Help: the user guide for each role (officer and collaborator, supervisor, administrator,
translator), in Vietnamese and English, as a page and as a PDF for training days.

`views`: the guide's page and PDF, and the header's link to the section for the page shown; its
blueprint is registered by the app factory.
`templates/help/`: the guide, one template per language (`guide_vi.html`, `guide_en.html`: the
project's own text, not translations), the page around it and the printed document.
`guide`: the guide's languages, which section explains which page (`SECTIONS`), its screenshots.
`printed`: the guide as a PDF (WeasyPrint, the app's static files only; loaded when asked for).
The screenshots in `fieldapp/static/help/` are made by `make help-screenshots`.
"""
