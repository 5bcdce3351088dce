"""Dashboard, periodic report, exports and targets.

`views`: the pages; its blueprint is registered by the app factory.
`templates/reports/`: its pages' templates.
`charts`: charts drawn on the server as inline SVG.
`exports`: tables as CSV or XLSX.
`assemble`: what the dashboard and the report show: totals, tables by group, targets (start here).
`scope`: the area and period a report covers, in SQL, and the names its pages give them.
`counting`: outreach figures for an area and a period, from the counts kept ready or `reach`.
`targets`: the targets (chỉ tiêu) figures are measured against: read, set, compared.
`listings`: the area's visits, sessions and people row by row, for the exports.
"""
