"""The language switch in every page's header; the languages themselves are in `i18n`."""

from flask import Blueprint, g, redirect, request, session

from .accounts import set_locale
from .db import get_db
from .i18n import LANGUAGES
from .text import local_path

bp = Blueprint("i18n", __name__)


@bp.post("/language")
def switch_language():
    """Remember the chosen language in the session, and on the user when logged in."""
    code = request.form.get("locale")
    if code in LANGUAGES:
        session["locale"] = code
        if g.get("user"):
            set_locale(get_db(), g.user["id"], code, user_id=g.user["id"])
    return redirect(local_path(request.form.get("next")))
