"""What it would cost this family, on the visit's page and on the summary the household keeps,
and the policy figures page where the central server's administrators keep the figures."""

import io
import json
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

import registry
from fieldapp import policy_figures
from fieldapp.db import connect
from helpers import catalog_text, field_errors, input_value, new_client, parse, snapshot

MONG = "Giàng A Lử"


def family(db, when, **outcomes):
    """A Mông household of six: the head and a son and a daughter without a valid card, a wife
    with a valid household card, a grandmother with a state-paid card, a child under 6; and a
    visit on `when`."""
    officer = registry.user_id(db, "canbo")
    ids = registry.household(
        db, registry.village_id(db, "Mí Háng"), officer,
        registry.person(MONG, 1980, "male", ethnicity="mong"),
        registry.person("Sùng Thị Mai", 1982, bhyt_card_type="household",
                        bhyt_expiry=f"{when.year + 1}-05-01"),
        registry.person("Giàng A Tủa", when.year - 3, "male"),
        registry.person("Giàng Thị Sua", 1950, bhyt_card_type="state_ethnic"),
        registry.person("Giàng A Dình", 2005, "male"),
        registry.person("Giàng Thị Ly", 2008, bhyt_card_type="household",
                        bhyt_expiry=f"{when.year - 1}-01-01"),
        language="hnj")
    ids["visit"] = registry.visit(
        db, ids["id"], officer, when, topics=["household_bhyt"], present=[ids[MONG]],
        outcomes={ids[name]: (chosen, None) for name, chosen in outcomes.items()})
    return ids


@pytest.fixture
def visited(app):
    db = connect(app.config["DATABASE"])
    ids = family(db, datetime(2026, 12, 2, 9), **{MONG: ["household_bhyt"]})
    db.close()
    return ids


def estimate_of(client, visit_id, query=""):
    response = client.get(f"/visits/{visit_id}{query}")
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    return page, page.find("section", id="estimate")


def squashed(element):
    return " ".join(element.text.split())


def rows(table):
    return [[squashed(cell) for cell in tr.children
             if not isinstance(cell, str) and cell.tag in ("th", "td")]
            for tr in table.find_all("tr")]


def following(page, element, tag):
    """The first `tag` element after `element` in the page."""
    seen = False
    for node in page.iter():
        if node is element:
            seen = True
        elif seen and node.tag == tag and element not in node.ancestors():
            return node
    return None


def draft_marks(element):
    return element.find_all("span", class_="badge badge-draft")


def text(app, msgid, **variables):
    return catalog_text(app, "en", msgid, **variables)


def test_the_visit_page_estimates_at_the_defaults_with_unconfirmed_figures_marked(app, visited):
    client = new_client(app, "en", "canbo")
    page, section = estimate_of(client, visited["visit"])
    assert squashed(section.find("h2")) == text(app, "What it would cost this family")
    # The household is Mông: ethnic minorities' support, at the lowest income, each month.
    assert input_value(page, "income") == ""
    bhxh = rows(section.find("table", class_="estimate-bhxh"))
    assert bhxh[1:] == [
        [text(app, "Income chosen"), "1,500,000 đồng"],
        [text(app, "Contribution"), "330,000 đồng"],
        [text(app, "State support: %(group)s", group="Ethnic minority"), "99,000 đồng"],
        [text(app, "The person pays"), "231,000 đồng"]]
    # Three members need a card (the head bought his at this visit: it is counted); the
    # base salary of 1 July 2026, 2,530,000: 4.5 % is 113,850 a month.
    bhyt = rows(section.find("table", class_="estimate-bhyt"))
    assert bhyt[1:4] == [
        [MONG, "100 %", "113,850 đồng", "1,366,200 đồng"],
        ["Giàng A Dình", "70 %", "79,695 đồng", "956,340 đồng"],
        ["Giàng Thị Ly", "60 %", "68,310 đồng", "819,720 đồng"]]
    assert bhyt[4] == [text(app, "Total"), "", "261,855 đồng", "3,142,260 đồng"]
    covered = squashed(following(section, section.find("table", class_="estimate-bhyt"), "p"))
    assert all(name in covered for name in ("Sùng Thị Mai", "Giàng A Tủa", "Giàng Thị Sua"))
    # Both estimates rest on figures nobody has checked against the official text yet.
    marks = draft_marks(section)
    assert [squashed(h) for h in section.find_all("h3")] == [
        f"{text(app, 'Voluntary BHXH')} {text(app, 'unconfirmed')}",
        f"{text(app, 'Household BHYT')} {text(app, 'unconfirmed')}"]
    figures = {r[0]: r for r in rows(section.find("details").find("table"))[1:]}
    unconfirmed = text(app, "unconfirmed")
    assert figures[f"{text(app, 'Base salary')} {unconfirmed}"][1:3] == [
        "2,530,000 đồng", "Jul 1, 2026"]
    support = figures[f"{text(app, 'State support, ethnic minorities')} {unconfirmed}"]
    assert support[1] == "30 %" and support[3].startswith("Nghị định 159/2025/NĐ-CP")
    assert "50 / 30 / 25 / 10" in support[3]
    # A confirmed figure carries no mark.
    bhyt_rate = text(app, "Household BHYT, first member (of the base salary)")
    assert figures[bhyt_rate][:3] == [bhyt_rate, "4.5 %", "Dec 1, 2018"]
    assert len(marks) >= 2 + 5


def test_the_officer_chooses_the_income_period_and_group(app, visited):
    client = new_client(app, "en", "canbo")
    page, section = estimate_of(client, visited["visit"],
                                "?income=2.000.000&period=quarterly&group=poor")
    assert input_value(page, "income") == "2.000.000"
    assert rows(section.find("table", class_="estimate-bhxh")) == [
        ["", text(app, "A month"), text(app, "Every 3 months")],
        [text(app, "Income chosen"), "2,000,000 đồng", ""],
        [text(app, "Contribution"), "440,000 đồng", "1,320,000 đồng"],
        [text(app, "State support: %(group)s",
              group=text(app, "Poor household, or living in an especially difficult commune")),
         "165,000 đồng", "495,000 đồng"],
        [text(app, "The person pays"), "275,000 đồng", "825,000 đồng"]]
    assert section.find("p", class_="warning") is None or "income" not in \
        squashed(section.find("p", class_="warning"))


@pytest.mark.parametrize("typed, used, message", [
    ("1000000", "1,500,000 đồng",
     "The lowest monthly income one may choose is %(amount)s: the estimate uses it."),
    ("0", "1,500,000 đồng",
     "The lowest monthly income one may choose is %(amount)s: the estimate uses it."),
    ("60 000 000 đ", "50,600,000 đồng",
     "The highest monthly income one may choose is %(amount)s: the estimate uses it."),
])
def test_an_income_outside_the_bounds_is_taken_at_the_bound_with_a_message(app, visited, typed,
                                                                           used, message):
    client = new_client(app, "en", "canbo")
    _page, section = estimate_of(client, visited["visit"], f"?income={typed}")
    assert squashed(section.find("p", class_="warning")) == text(app, message, amount=used)
    assert rows(section.find("table", class_="estimate-bhxh"))[1][1] == used


def test_an_income_that_is_not_an_amount_is_refused_beside_its_field(app, visited, db):
    client = new_client(app, "en", "canbo")
    before = snapshot(db)
    page, section = estimate_of(client, visited["visit"], "?income=hai+triệu&period=weekly")
    assert field_errors(page, "income") == [
        text(app, "Enter an amount in đồng, for example 2.000.000.")]
    assert input_value(page, "income") == "hai triệu"
    # The estimate stands at the defaults meanwhile; nothing was written.
    assert rows(section.find("table", class_="estimate-bhxh"))[1][1] == "1,500,000 đồng"
    assert snapshot(db) == before


def test_the_figures_of_the_visits_day_the_day_before_and_the_day_after_a_change(app, db):
    before = family(db, datetime(2026, 6, 30, 9))
    after = family(db, datetime(2026, 7, 1, 9))
    client = new_client(app, "en", "canbo")
    first = {}
    for name, ids in (("before", before), ("after", after)):
        _page, section = estimate_of(client, ids["visit"])
        first[name] = rows(section.find("table", class_="estimate-bhyt"))[1][2]
    assert first == {"before": "105,300 đồng", "after": "113,850 đồng"}


def test_before_the_new_support_the_figures_are_confirmed_and_unmarked(app, db):
    ids = family(db, datetime(2025, 1, 10, 9))
    client = new_client(app, "en", "canbo")
    _page, section = estimate_of(client, ids["visit"])
    assert draft_marks(section) == []
    # Decree 134/2015 gives ethnic minorities the others' 10 %.
    assert rows(section.find("table", class_="estimate-bhxh"))[3][1] == "33,000 đồng"


def test_a_household_whose_members_all_hold_a_card_needs_none(app, db):
    officer = registry.user_id(db, "canbo")
    ids = registry.household(db, registry.village_id(db, "Mí Háng"), officer,
                             registry.person("Lò Văn Pản", 1975, "male",
                                             bhyt_card_type="state_poor"),
                             registry.person("Lò Thị Bé", 2024))
    visit = registry.visit(db, ids["id"], officer, datetime(2026, 12, 1, 9), nobody_home=True)
    client = new_client(app, "en", "canbo")
    _page, section = estimate_of(client, visit)
    assert section.find("table", class_="estimate-bhyt") is None
    assert text(app, "Nobody in the household needs a card: each member holds a valid card or "
                     "is a child under 6.") in squashed(section)
    # A state-paid card of a poor or near-poor household: near-poor support by default.
    assert rows(section.find("table", class_="estimate-bhxh"))[3][0] == text(
        app, "State support: %(group)s", group=text(app, "Near-poor household"))


def pdf_text(response):
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    return len(reader.pages), " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_the_summary_prints_the_estimate_with_unconfirmed_marked(app, visited):
    client = new_client(app, "en", "canbo")
    pages, printed = pdf_text(client.get(f"/visits/{visited['visit']}/summary.pdf"
                                         "?language=vi"))
    assert pages == 1
    vi = lambda msgid, **kw: catalog_text(app, "vi", msgid, **kw)  # noqa: E731
    assert vi("What it would cost (an estimate)") in printed
    assert f"{vi('Voluntary BHXH')} ({vi('unconfirmed')}*)" in printed
    assert f"{vi('Household BHYT')} ({vi('unconfirmed')}*)" in printed
    assert vi("at an income of %(income)s a month (%(group)s): contribution %(contribution)s, "
              "state support %(support)s; you pay %(pays)s a month.",
              income="1.500.000 đồng", group=vi("Ethnic minority"),
              contribution="330.000 đồng", support="99.000 đồng", pays="231.000 đồng") in printed
    assert "3.142.260" in printed and "261.855" in printed
    assert vi("Unconfirmed: not yet checked against the official text.") in printed
    assert vi("Worked out from the policy figures in force on %(date)s; ask the officer for "
              "their sources.", date="02/12/2026") in printed
    # The legal sources are on the officer's page, not on the household's.
    assert "Nghị định" not in printed


def test_the_summary_prints_the_estimate_as_chosen_on_the_visit_page(app, visited):
    client = new_client(app, "en", "canbo")
    page, section = estimate_of(client, visited["visit"])
    print_button = [b for b in section.find_all("button") if b.get("formaction")][0]
    assert print_button.get("formaction") == f"/visits/{visited['visit']}/summary.pdf"
    assert print_button.get("formtarget") == "_blank"
    pages, printed = pdf_text(client.get(
        f"{print_button.get('formaction')}?income=2000000&period=yearly&group=other"))
    assert pages == 1
    # In the household's language (Mông): 22 % of 2,000,000 less the others' 20 % of 330,000,
    # twelve months at once.
    hnj = lambda msgid, **kw: catalog_text(app, "hnj", msgid, **kw)  # noqa: E731
    assert hnj("%(period)s: %(amount)s.", period=hnj("Every 12 months"),
               amount=hnj("%(amount)s đồng", amount="4.488.000")) in printed
    assert "2.000.000" in printed


def test_a_bad_estimate_choice_still_prints_at_the_defaults(app, visited):
    client = new_client(app, "en", "canbo")
    pages, printed = pdf_text(client.get(f"/visits/{visited['visit']}/summary.pdf"
                                         "?income=abc&period=weekly&group=rich&language=en"))
    assert pages == 1
    assert "1,500,000 đồng" in printed and "231,000 đồng" in printed


# The policy figures page.

def test_everyone_reads_the_figures_with_their_sources_and_status(app):
    client = new_client(app, "en", "canbo")
    page = parse(client.get("/policy-figures/").get_data(as_text=True))
    salary = following(page, page.find("h2", id="base_salary"), "table")
    newest, older = rows(salary)[1:]
    assert newest[:2] == ["2,530,000 đồng", f"Jul 1, 2026 {text(app, 'in force today')}"]
    assert newest[2].startswith("Chưa xác định: tin báo chí về mức lương cơ sở từ 01/07/2026")
    assert newest[2].endswith("Chưa đối chiếu với văn bản chính thức.")
    assert newest[3] == text(app, "unconfirmed")
    assert older == ["2,340,000 đồng", "Jul 1, 2024", "Nghị định 73/2024/NĐ-CP",
                     text(app, "confirmed")]
    assert page.find("a", href="/policy-figures/new") is None
    assert squashed(page.find("p", class_="central-note")) == text(
        app, "Policy figures are set on the central server, by its administrators.")


@pytest.mark.parametrize("who", ["canbo", "giamsat", "quantri"])
def test_nobody_writes_a_figure_on_a_laptop(app, db, who):
    client = new_client(app, "en", who)
    figure = db.execute("select id from policy_figures where key = 'base_salary'").fetchone()[0]
    before = snapshot(db)
    assert client.get("/policy-figures/new").status_code == 403
    assert client.post_form("/policy-figures/new", {
        "key": "base_salary", "value": "1", "effective_from": "2027-01-01",
        "source": "x"}).status_code == 403
    assert client.post_form(f"/policy-figures/{figure}/remove").status_code == 403
    assert snapshot(db) == before


@pytest.fixture
def central_admin(central_app):
    app, database = central_app
    return app, database, new_client(app, "en", "quantri")


def test_the_central_administrator_adds_a_figure_that_applies_from_its_day(central_admin):
    app, db, client = central_admin
    response = client.post_form("/policy-figures/new", {
        "key": "base_salary", "value": "2.600.000", "effective_from": "2027-07-01",
        "source": "Nghị định 999/2027/NĐ-CP", "note": "", "confirmed": "y"})
    assert response.status_code == 302
    assert policy_figures.figures(db, date(2027, 6, 30))["base_salary"] == 2_530_000
    row = policy_figures.in_force(db, date(2027, 7, 1))["base_salary"]
    assert (row["value"], row["unit"], row["confirmed"]) == (2_600_000, "VND/month", 1)
    # A share is typed as a percentage, with a comma or a point.
    assert client.post_form("/policy-figures/new", {
        "key": "household_bhyt_rate", "value": "4,5", "effective_from": "2027-01-01",
        "source": "Luật BHYT"}).status_code == 302
    assert policy_figures.figures(db, date(2027, 1, 1))["household_bhyt_rate"] == 0.045
    page = parse(client.get("/policy-figures/").get_data(as_text=True))
    assert "2,600,000 đồng" in squashed(following(page, page.find("h2", id="base_salary"),
                                                   "table"))


def test_the_central_administrator_confirms_a_figure(central_admin):
    app, db, client = central_admin
    figure = policy_figures.in_force(db, date(2026, 7, 1))["base_salary"]
    page = parse(client.get(f"/policy-figures/{figure['id']}/edit").get_data(as_text=True))
    assert input_value(page, "value") == "2530000"
    response = client.post_form(f"/policy-figures/{figure['id']}/edit", {
        "value": "2530000", "effective_from": "2026-07-01",
        "source": "Nghị định 161/2026/NĐ-CP", "note": "", "confirmed": "y"})
    assert response.status_code == 302
    row = policy_figures.in_force(db, date(2026, 7, 1))["base_salary"]
    assert (row["source"], row["confirmed"], row["note"]) == ("Nghị định 161/2026/NĐ-CP", 1, "")
    history = db.execute("select changes from history where table_name = 'policy_figures'"
                         " and row_id = ?", [figure["id"]]).fetchone()[0]
    assert "confirmed" in history


@pytest.mark.parametrize("values, field, message", [
    ({"value": "abc"}, "value",
     "Enter a number: đồng without decimals, a share as a percentage."),
    ({"value": "2.340.000", "effective_from": "2024-07-01"}, "effective_from",
     "This figure already has a value from that day: correct that one instead."),
    ({"source": ""}, "source", "This field is required."),
    ({"effective_from": "1800-01-01"}, "effective_from",
     "Enter a date between %(first)s and %(last)s."),
])
def test_a_figure_the_form_refuses_comes_back_beside_its_field(central_admin, values, field,
                                                               message):
    app, db, client = central_admin
    before = snapshot(db)
    response = client.post_form("/policy-figures/new", {
        "key": "base_salary", "value": "2.700.000", "effective_from": "2028-01-01",
        "source": "Nghị định", **values})
    assert response.status_code == 200
    errors = field_errors(parse(response.get_data(as_text=True)), field)
    assert len(errors) == 1 and re.fullmatch(
        re.escape(text(app, message)).replace(re.escape("%(first)s"), ".+").replace(
            re.escape("%(last)s"), ".+"), errors[0])
    assert snapshot(db) == before


def test_removing_a_value_lets_the_one_before_apply_again(central_admin):
    app, db, client = central_admin
    figure = policy_figures.in_force(db, date(2026, 7, 1))["base_salary"]
    assert client.post_form(f"/policy-figures/{figure['id']}/remove").status_code == 302
    assert policy_figures.figures(db, date(2026, 12, 1))["base_salary"] == 2_340_000


@pytest.mark.parametrize("key, typed", [
    ("voluntary_bhxh_rate", "150"), ("voluntary_bhxh_rate", "1e400"),
    ("voluntary_bhxh_rate", "NaN"), ("voluntary_bhxh_rate", "-5"),
    ("base_salary", "99999999999999999999"), ("base_salary", "2,5 triệu"),
    ("voluntary_bhxh_ceiling_multiple", "Infinity"), ("no_such_figure", "1"),
])
def test_hostile_values_come_back_beside_their_field(central_admin, key, typed):
    app, db, client = central_admin
    before = snapshot(db)
    response = client.post_form("/policy-figures/new", {
        "key": key, "value": typed, "effective_from": "2028-01-01", "source": "x"})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert field_errors(page, "key" if key == "no_such_figure" else "value")
    assert snapshot(db) == before


def test_each_change_of_a_figure_is_on_the_audit_trail_with_its_source(central_admin):
    """Who changed which figure and when, from what to what, on what legal source."""
    app, db, client = central_admin
    client.client.environ_base["REMOTE_ADDR"] = "10.0.3.7"
    admin = db.execute("select id from users where username = 'quantri'").fetchone()[0]
    figure = policy_figures.in_force(db, date(2026, 7, 1))["base_salary"]
    assert client.post_form(f"/policy-figures/{figure['id']}/edit", {
        "value": "2.600.000", "effective_from": "2026-07-01",
        "source": "Nghị định 161/2026/NĐ-CP", "note": "", "confirmed": "y"}).status_code == 302
    assert client.post_form("/policy-figures/new", {
        "key": "household_bhyt_rate", "value": "4,5", "effective_from": "2027-01-01",
        "source": "Luật BHYT"}).status_code == 302
    added = policy_figures.in_force(db, date(2027, 1, 1))["household_bhyt_rate"]
    assert client.post_form(f"/policy-figures/{added['id']}/remove").status_code == 302

    trail = list(db.query("select * from audit_log where table_name = 'policy_figures'"
                          " order by id"))
    assert [(r["action"], r["user_id"], r["address"], r["row_id"]) for r in trail] == [
        ("policy_figure_edited", admin, "10.0.3.7", figure["id"]),
        ("policy_figure_added", admin, "10.0.3.7", added["id"]),
        ("policy_figure_removed", admin, "10.0.3.7", added["id"])]
    assert json.loads(trail[0]["detail"]) == {
        "key": "base_salary", "value": 2_600_000, "effective_from": "2026-07-01",
        "source": "Nghị định 161/2026/NĐ-CP", "changes": {
            "value": [2_530_000, 2_600_000], "source": [figure["source"],
                                                       "Nghị định 161/2026/NĐ-CP"],
            "note": [figure["note"], ""], "confirmed": [0, 1]}}
    assert json.loads(trail[2]["detail"]) == {
        "key": "household_bhyt_rate", "value": 0.045, "effective_from": "2027-01-01",
        "source": "Luật BHYT"}

    page = parse(client.get("/central/audit/", query_string={"table": "policy_figures"}
                            ).get_data(as_text=True))
    shown = {r[1]: r for r in rows(page.find("tbody"))}
    edited = shown[text(app, "Policy figure edited")]
    assert edited[4] == text(app, "Policy figure %(name)s", name=text(app, "Base salary"))
    for said in (f"{text(app, 'In force from')}: Jul 1, 2026",
                 f"{text(app, 'Value')}: 2,530,000 đồng → 2,600,000 đồng",
                 f"{text(app, 'Legal source')}: {figure['source']} → Nghị định 161/2026/NĐ-CP",
                 f"{text(app, 'Checked against the official text')}: {text(app, 'No')} → "
                 f"{text(app, 'Yes')}"):
        assert said in edited[5]
    removed = shown[text(app, "Policy figure removed")]
    for said in (f"{text(app, 'Value')}: 4.5 %", f"{text(app, 'In force from')}: Jan 1, 2027",
                 f"{text(app, 'Legal source')}: Luật BHYT"):
        assert said in removed[5]
    assert text(app, "Policy figure added") in shown
