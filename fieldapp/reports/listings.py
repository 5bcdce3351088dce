"""The area's visits, sessions and people, row by row, for the exports."""

from .. import clock
from ..households.queries import head_in_office, person_in_office, village_in_office
from . import scope


def visit_rows(db, area, start, end):
    """The area's visits in the period, oldest first, with places, officer and outcomes."""
    params = scope.params(area, start, end)
    conditions = ["r.day between :start and :end", "r.kind in ('visit', 'closed')",
                  *scope.in_area_communes(db, area, "r.commune_code")]
    if area.village_id:
        conditions.append("r.village_id = :village")
    if area.officer_id:
        conditions.append("r.officer_id = :officer")
    return db.query(f"""
        select vi.visited_at, c.name as commune_name, vl.name as village_name,
               head.full_name as head_name, u.full_name as officer_name, vi.nobody_home,
               (select count(*) from {db.dialect.json_values("vi.present", "m")}
                 where {person_in_office("m.value", "o.id")}) as present_count,
               vi.language, vi.topics,
               vi.materials, vi.companions, vi.follow_up_on, vi.notes, o.name as office_name,
               (select {db.dialect.group_list(db.dialect.json_list("p.full_name", "vo.outcome"))}
                  from visit_outcomes vo join people p on p.id = vo.person_id
                 where vo.visit_id = vi.id and vo.deleted_at is null
                   and {person_in_office("p.id", "o.id")}) as outcomes
          from reach r
          join visits vi on vi.id = r.source_id
          join households h on h.id = vi.household_id
          join villages vl on vl.id = r.village_id
          join communes c on c.code = r.commune_code
          join office_communes oc on oc.commune_code = r.commune_code and oc.deleted_at is null
          join offices o on o.id = oc.office_id
          left join people head on head.id = h.head_person_id and {head_in_office("o.id")}
          left join users u on u.id = vi.officer_id
         where {" and ".join(conditions)}
         order by vi.visited_at, c.name_key, vi.id""", params)


def session_rows(db, area, start, end):
    """The area's sessions in the period, oldest first, with places and roster size."""
    params = scope.params(area, start, end)
    conditions = scope.session_conditions(db, area)
    return db.query(f"""
        select s.*, c.name as commune_name, vl.name as village_name, o.name as office_name,
               (select {db.dialect.group_list("u.full_name")}
                  from {db.dialect.json_values("s.facilitators", "f")}
                  join users u on u.id = f.value) as facilitator_names,
               (select count(*) from session_attendees a
                 where a.session_id = s.id and a.deleted_at is null
                   and {person_in_office("a.person_id", "o.id")}) as roster_size
          from group_sessions s
          join communes c on c.code = s.commune_code
          join office_communes oc on oc.commune_code = s.commune_code and oc.deleted_at is null
          join offices o on o.id = oc.office_id
          left join villages vl on vl.id = s.village_id and {village_in_office("vl.id", "o.id")}
         where {" and ".join(conditions)}
         order by s.held_at, c.name_key, s.id""", params)


def people_rows(db, area):
    """The live people of the area's households (the registry as it is now), by place and name.

    Rows carry the personal numbers: callers leave them out unless the user may see them.
    """
    conditions = ["p.deleted_at is null", *scope.in_area_communes(db, area, "vl.commune_code")]
    if area.village_id:
        conditions.append("vl.id = :village")
    return db.query(f"""
        select p.full_name, p.gender, p.birth_year, p.birth_date, p.relation, p.ethnicity,
               p.cccd, p.bhxh_number, p.bhyt_card_type, p.bhyt_expiry, p.bhxh_status, p.vssid,
               vl.name as village_name, c.name as commune_name, o.name as office_name,
               o.id as office_id
          from villages vl
          join communes c on c.code = vl.commune_code
          join office_communes oc on oc.commune_code = vl.commune_code and oc.deleted_at is null
          join offices o on o.id = oc.office_id
          join households h on h.village_id = vl.id and h.deleted_at is null
          join people p on p.household_id = h.id
         where vl.deleted_at is null and {" and ".join(conditions)}
         order by c.name_key, vl.name_key, p.name_key, p.id""",
        scope.params(area, clock.today(), clock.today()))
