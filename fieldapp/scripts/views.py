"""The script library: read a script in the household's language, edit it with history kept."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from forms.scripts import NewScriptForm, ScriptTextForm

from .. import lists, policy_figures, submissions
from ..auth.sessions import login_required, role_required
from ..db import get_db
from ..i18n import gettext as _
from ..text import format_questions, parse_questions
from ..vocabulary import MANAGERS
from . import queries

bp = Blueprint("scripts", __name__, url_prefix="/scripts", template_folder="templates")

editors_only = role_required(*MANAGERS)


def _labels(db):
    return {name: lists.labels(db, name) for name in ("topic", "target_group", "language")}


@bp.get("/")
@login_required
def index():
    """The library, narrowed by target group, topic and the language a script is written in;
    an unknown value in the address narrows nothing."""
    db = get_db()
    languages = queries.script_languages(db)
    choices = {"target_group": lists.choices(db, "target_group"),
               "topic": lists.choices(db, "topic"),
               "language": [c for c in lists.choices(db, "language") if c.value in languages]}
    filters = {name: request.args.get(name) if request.args.get(name) in {
        c.value for c in options} else None for name, options in choices.items()}
    title_language = g.get("locale") if g.get("locale") in languages else None
    return render_template(
        "scripts/index.html", languages=languages, labels=_labels(db), choices=choices,
        filters=filters, filtered=any(filters.values()),
        scripts=queries.scripts(db, target_group=filters["target_group"],
                                topic=filters["topic"], language=filters["language"],
                                title_language=title_language))


@bp.get("/for")
@login_required
def for_topic():
    """The script matching a topic and target group, opened in the language asked for."""
    db = get_db()
    script_id = queries.matching(db, request.args.get("topic", ""),
                                 request.args.get("target_group"))
    if script_id is None:
        flash(_("There is no script for this topic yet."), "info")
        return redirect(url_for("scripts.index"))
    return redirect(url_for("scripts.view", script_id=script_id,
                            lang=request.args.get("lang") or None))


def _script_or_404(db, script_id):
    script = queries.script(db, script_id)
    if script is None:
        abort(404)
    return script


def _language(db):
    language = request.args.get("lang") or g.get("locale") or queries.DEFAULT_LANGUAGE
    return language if language in queries.script_languages(db) else queries.DEFAULT_LANGUAGE


@bp.get("/<script_id>")
@login_required
def view(script_id):
    db = get_db()
    script = _script_or_404(db, script_id)
    language = _language(db)
    text, shown = queries.text(db, script_id, language)
    values = policy_figures.placeholders(policy_figures.figures(db))
    return render_template(
        "scripts/view.html", script=script, text=text, language=language, shown=shown,
        key_messages=policy_figures.fill(text["key_messages"], values),
        questions=[{"q": policy_figures.fill(p["q"], values), "a": policy_figures.fill(p["a"], values)}
                   for p in text["questions"]],
        languages=queries.script_languages(db), labels=_labels(db))


@bp.route("/<script_id>/edit", methods=("GET", "POST"))
@editors_only
@submissions.once
def edit(script_id):
    db = get_db()
    script = _script_or_404(db, script_id)
    language = _language(db)
    current, shown = queries.text(db, script_id, language)
    start = {} if shown != language else {
        **current, "questions": format_questions(current["questions"])}
    form = ScriptTextForm(data=start)
    if form.validate_on_submit():
        queries.save_text(db, script_id, language, title=form.title.data,
                          key_messages=form.key_messages.data,
                          questions=parse_questions(form.questions.data),
                          reviewed=form.reviewed.data, user_id=g.user["id"])
        flash(_("Script saved. Earlier versions are kept in its history."), "success")
        return redirect(url_for("scripts.view", script_id=script_id, lang=language))
    return render_template("scripts/edit.html", script=script, form=form, language=language,
                           source=current if shown != language else None, labels=_labels(db))


@bp.get("/<script_id>/history")
@login_required
def history(script_id):
    db = get_db()
    script = _script_or_404(db, script_id)
    language = _language(db)
    return render_template("scripts/history.html", script=script, language=language,
                           revisions=queries.revisions(db, script_id, language),
                           labels=_labels(db))


@bp.route("/new", methods=("GET", "POST"))
@editors_only
@submissions.once
def new():
    db = get_db()
    form = NewScriptForm()
    form.target_group.choices = lists.choices(db, "target_group")
    form.topic.choices = lists.choices(db, "topic")
    if form.validate_on_submit():
        script_id = queries.create_script(
            db, target_group=form.target_group.data, topic=form.topic.data,
            title=form.title.data, key_messages=form.key_messages.data,
            questions=parse_questions(form.questions.data), user_id=g.user["id"])
        flash(_("Script created."), "success")
        return redirect(url_for("scripts.view", script_id=script_id))
    return render_template("scripts/new.html", form=form)
