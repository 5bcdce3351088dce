"""Dashboard, periodic report, exports and targets.

`views`: the pages; its blueprint is registered by the app factory.
`templates/reports/`: its pages' templates.
`charts`: charts drawn on the server as inline SVG.
`exports`: tables as CSV or XLSX.
`queries`: outreach figures for a period and an area, and the targets.
`rows`: the dashboard's and the report's rows by group, with names and targets.
"""
