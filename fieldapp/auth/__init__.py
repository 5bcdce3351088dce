"""Logging in and out, the current user, and what a page requires of them.

`views`: the login and logout pages; its blueprint is registered by the app factory, and loads
the user before each request.
`templates/auth/`: the login page's template.
`sessions`: the user's session, `login_required`, `role_required` and `in_office_or_404`.
Users and passwords themselves are `fieldapp.accounts`, shared with the admin pages.
"""
