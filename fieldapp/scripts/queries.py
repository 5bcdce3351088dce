"""Communication scripts: talking points per target group and topic, in several languages."""

import json

from .. import store

DEFAULT_LANGUAGE = "vi"
# The target group a household belongs to (people eligible for voluntary BHXH and self-paid
# BHYT): its scripts are the ones a visit and a household's printed summary quote.
HOUSEHOLD_GROUP = "voluntary"


def script_languages(db):
    """Languages a script can be written in: the spoken-language list, less 'other'."""
    return [row["code"] for row in db.query(
        "select code from list_items where list = 'language' and active = 1"
        " and deleted_at is null and code != 'other' order by position")]


def _latest(db, where, params):
    return list(db.query(f"""
        select t.* from script_texts t
         where t.deleted_at is null and {where}
           and t.revision = (select max(revision) from script_texts u
                              where u.script_id = t.script_id and u.language = t.language
                                and u.deleted_at is null)""", params))


def scripts(db, target_group=None, topic=None, language=None, title_language=None):
    """Every live script with its title and the state of each language, narrowed to a target
    group, a topic and the scripts written in a language when given. The title is in
    `language`, else `title_language`, else Vietnamese (`shown` says which); scripts come in
    the order of the topic list, then of the target group list."""
    where, params = ["deleted_at is null"], []
    for column, value in (("target_group", target_group), ("topic", topic)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    rows = list(db.query(f"select * from scripts where {' and '.join(where)}", params))
    texts = _latest(db, "1 = 1", [])
    by_script = {}
    for text in texts:
        by_script.setdefault(text["script_id"], {})[text["language"]] = text
    if language:
        rows = [r for r in rows if language in by_script.get(r["id"], {})]
    for row in rows:
        row["texts"] = by_script.get(row["id"], {})
        for code in (language, title_language, DEFAULT_LANGUAGE):
            if code and code in row["texts"]:
                row["title"], row["shown"] = row["texts"][code]["title"], code
                break
        else:
            row["title"], row["shown"] = "", DEFAULT_LANGUAGE
    order = {name: _positions(db, name) for name in ("topic", "target_group")}
    return sorted(rows, key=lambda r: (
        order["topic"].get(r["topic"], len(order["topic"])), r["topic"],
        order["target_group"].get(r["target_group"], len(order["target_group"])),
        r["target_group"], r["created_at"], r["title"], r["id"]))


def _positions(db, list_name):
    """{code: rank} of a configurable list, inactive items included."""
    return {row["code"]: n for n, row in enumerate(db.query(
        "select code from list_items where list = ? and deleted_at is null"
        " order by position, code", [list_name]))}


def script(db, script_id):
    rows = list(db.query("select * from scripts where id = ? and deleted_at is null",
                         [script_id]))
    return rows[0] if rows else None


def text(db, script_id, language):
    """(latest text in the language or else in Vietnamese, the language it is in)."""
    for code in (language, DEFAULT_LANGUAGE):
        rows = _latest(db, "t.script_id = ? and t.language = ?", [script_id, code])
        if rows:
            row = rows[0]
            return {**row, "questions": json.loads(row["questions"])}, code
    return None, None


def matching(db, topic, target_group=None):
    """The script for a topic: the target group's own when there is one, else the households'
    (HOUSEHOLD_GROUP), else the first written; the oldest of equals, so that an office's own
    script for a pair is not displaced by one seeded after it."""
    rows = list(db.query("""
        select id from scripts where topic = ? and deleted_at is null
         order by target_group = ? desc, target_group = ? desc, created_at, id limit 1""",
                         [topic, target_group or "", HOUSEHOLD_GROUP]))
    return rows[0]["id"] if rows else None


def revisions(db, script_id, language):
    """Every saved version of the script in one language, newest first, with its author."""
    return [{**r, "questions": json.loads(r["questions"])} for r in db.query("""
        select t.*, u.full_name as author from script_texts t
          left join users u on u.id = t.created_by
         where t.script_id = ? and t.language = ? and t.deleted_at is null
         order by t.revision desc""", [script_id, language])]


def save_text(db, script_id, language, *, title, key_messages, questions, reviewed, user_id):
    """A new revision of the script's text in a language; earlier ones stay."""
    with db.atomic():
        last = db.value("select coalesce(max(revision), 0) from script_texts"
                        " where script_id = ? and language = ?",
                        [script_id, language])
        return store.insert(db, "script_texts", {
            "script_id": script_id, "language": language, "revision": last + 1,
            "title": title.strip(), "key_messages": key_messages.strip(),
            "questions": json.dumps(questions, ensure_ascii=False),
            "reviewed": 1 if reviewed else 0,
        }, user_id=user_id)


def create_script(db, *, target_group, topic, title, key_messages, questions, user_id):
    """A script with its Vietnamese text, which every script must have."""
    with db.atomic():
        row = store.insert(db, "scripts", {"target_group": target_group, "topic": topic,
                                           "sample": 0}, user_id=user_id)
        save_text(db, row["id"], DEFAULT_LANGUAGE, title=title, key_messages=key_messages,
                  questions=questions, reviewed=True, user_id=user_id)
    return row["id"]
