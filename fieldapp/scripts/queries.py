"""Communication scripts: talking points per target group and topic, in several languages."""

import json

from .. import store

DEFAULT_LANGUAGE = "vi"


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


def scripts(db):
    """Every live script with its Vietnamese title and the state of each language."""
    rows = list(db.query("select * from scripts where deleted_at is null"))
    texts = _latest(db, "1", [])
    by_script = {}
    for text in texts:
        by_script.setdefault(text["script_id"], {})[text["language"]] = text
    for row in rows:
        row["texts"] = by_script.get(row["id"], {})
        row["title"] = row["texts"].get(DEFAULT_LANGUAGE, {}).get("title", "")
    return sorted(rows, key=lambda r: (r["topic"], r["target_group"], r["title"]))


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
    """The script for a topic, the target group's own when there is one."""
    rows = list(db.query("""
        select id from scripts where topic = ? and deleted_at is null
         order by target_group = ? desc, created_at limit 1""", [topic, target_group or ""]))
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
        last = db.execute("select coalesce(max(revision), 0) from script_texts"
                          " where script_id = ? and language = ?",
                          [script_id, language]).fetchone()[0]
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
