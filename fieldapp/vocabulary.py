"""The app's codes and their labels: what a stored value may be, and how it is shown.

A low module: the forms, the store's checks (`rules.py`) and every page, export and printed
summary import from here, never from one another. Labels are lazy: each is read in the language
of the page, export or document that shows it.
"""

from .i18n import lazy_gettext as _l

# People.
GENDERS = ("female", "male", "other")
GENDER_LABELS = {"female": _l("Female"), "male": _l("Male"), "other": _l("Other")}
BHXH_STATUSES = ("none", "mandatory", "voluntary", "pension")
BHXH_STATUS_LABELS = {
    "none": _l("No social insurance"),
    "mandatory": _l("Mandatory BHXH (employee)"),
    "voluntary": _l("Voluntary BHXH"),
    "pension": _l("Receiving a pension or allowance"),
}
VSSID_STATES = ("installed", "not_installed", "unknown")
VSSID_LABELS = {"installed": _l("Installed"), "not_installed": _l("Not installed"),
                "unknown": _l("Unknown")}

# What a visit or a session achieved with a person.
OUTCOMES = ("voluntary_bhxh", "household_bhyt", "vssid_installed", "interested", "declined")
OUTCOME_LABELS = {
    "voluntary_bhxh": _l("Registered for voluntary BHXH"),
    "household_bhyt": _l("Bought or renewed household BHYT"),
    "vssid_installed": _l("Installed VssID"),
    "interested": _l("Interested: come back"),
    "declined": _l("Declined"),
}
SESSION_OUTCOMES = ("voluntary_bhxh", "household_bhyt", "vssid_installed", "interested")
SESSION_OUTCOME_LABELS = {k: v for k, v in OUTCOME_LABELS.items() if k != "declined"}

# Places and users.
VILLAGE_KINDS = ("thon", "ban", "to_dan_pho")
VILLAGE_KIND_LABELS = {
    "thon": _l("Village (thôn)"),
    "ban": _l("Hamlet (bản)"),
    "to_dan_pho": _l("Residential group (tổ dân phố)"),
}
ROLES = ("officer", "supervisor", "admin")
# The roles that manage an office's work: villages, scripts and conflicts; targets, the whole
# office's reports and personal numbers in exports.
MANAGERS = ("supervisor", "admin")
ROLE_LABELS = {
    "officer": _l("Field officer"),
    "supervisor": _l("Supervisor"),
    "admin": _l("Administrator"),
}

# The reports' figures and exports.
METRIC_LABELS = {
    "households": _l("Households visited"),
    "people": _l("People reached"),
    "sessions": _l("Small-group sessions"),
    "voluntary_bhxh": _l("New voluntary BHXH participants"),
    "household_bhyt": _l("New or renewed household BHYT"),
    "vssid_installed": _l("VssID installs"),
}
FIGURE_LABELS = {
    "visits": _l("Door-to-door visits"),
    **METRIC_LABELS,
    "attendees": _l("Session attendees"),
    "attendees_female": _l("Women"),
    "attendees_male": _l("Men"),
    "attendees_gender_unknown": _l("Sex not recorded"),
}
DATASET_LABELS = {
    "report": _l("Report tables"),
    "visits": _l("Visits"),
    "sessions": _l("Sessions"),
    "people": _l("People"),
}

# What each action code of fieldapp.audit means, in the order the filter lists them.
ACTION_LABELS = {
    "login": _l("Logged in"),
    "login_failed": _l("Login refused"),
    "logout": _l("Logged out"),
    "export_personal": _l("Exported personal numbers"),
    "user_created": _l("User created"),
    "user_edited": _l("User edited"),
    "password_set": _l("Password set"),
    "user_activated": _l("User activated"),
    "user_deactivated": _l("User deactivated"),
    "office_created": _l("Office created"),
    "office_edited": _l("Office edited"),
    "list_item_added": _l("List item added"),
    "list_item_activated": _l("List item shown again"),
    "list_item_deactivated": _l("List item hidden"),
    "enrolment_code": _l("Enrolment code made"),
    "device_revoked": _l("Laptop revoked"),
    "device_split": _l("Laptop split from a shared identity"),
    "translation_reviewed": _l("Translation reviewed"),
    "conflict_resolved": _l("Conflict resolved"),
    "targets_saved": _l("Targets saved"),
    "policy_figure_added": _l("Policy figure added"),
    "policy_figure_edited": _l("Policy figure edited"),
    "policy_figure_removed": _l("Policy figure removed"),
    "merged": _l("Change merged from a laptop"),
    "numbers_erased": _l("Personal numbers erased"),
}
