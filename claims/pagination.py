"""Keyset pages: "the 25 rows after this one" in the list's order, read from an index, so
page 10,000 costs what page 1 costs. Django's Paginator counts every row and skips with
OFFSET, which at a million claims is seconds per request.

Links carry a cursor (the sort values of the row at the page's edge) and the page number,
which is only displayed. A bare ``?page=N`` still works by OFFSET for the first
``MAX_OFFSET`` rows, so a typed or bookmarked page number keeps working where it is cheap.
Orders that are not columns (a search's rank) are paged by number within that bound.
"""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, F, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.expressions import RawSQL

# Rows reachable by page number (OFFSET); deeper ones through Next/Previous.
MAX_OFFSET = 10_000
# In an order led by a related row's column (speaker A–Z), on PostgreSQL, a list matching
# at least this many rows is read group by group, a shorter one matches first (_ids_by).
GROUPED_FROM = 2_000
# In an order that is not a column (a search's rank), on PostgreSQL, a list matching at
# least this many rows reads its page's ids first, then their rows (_rows_from).
IDS_FIRST_FROM = 500


class BadCursor(ValueError):
    pass


@dataclass
class Key:
    path: str  # "updated_at", "speaker__name", "pk"
    descending: bool
    nullable: bool = False

    def order(self, reverse=False):
        descending = self.descending != reverse
        expression = F(self.path)
        if not self.nullable:
            return expression.desc() if descending else expression.asc()
        # Empty values last in the list's order (so first when walking back).
        nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
        return expression.desc(**nulls) if descending else expression.asc(**nulls)


@dataclass
class Page:
    object_list: list
    number: int = 1
    next_cursor: str | None = None
    previous_cursor: str | None = None
    next_number: int | None = None
    previous_number: int | None = None
    # Page numbers rather than cursors (orders that are not columns).
    by_number: bool = False
    notice: str = ""
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    # Methods, as on Django's Page, so code written for one works with the other.
    def has_next(self):
        return self.next_number is not None

    def has_previous(self):
        return self.previous_number is not None

    def has_other_pages(self):
        return self.has_next() or self.has_previous()


def _field(model, path):
    parts = path.split(LOOKUP_SEP)
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.pk if parts[-1] == "pk" else model._meta.get_field(parts[-1])


def keys_of(queryset):
    """The queryset's order as Keys, ending with the primary key; None if an order is not
    a column (an annotation such as a search rank)."""
    order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    keys = []
    for item in order:
        if not isinstance(item, str) or item.lstrip("-") in queryset.query.annotations:
            return None
        path = item.lstrip("-")
        try:
            model_field = _field(queryset.model, path)
        except Exception:  # noqa: BLE001 — an order this module cannot follow
            return None
        keys.append(Key(path, item.startswith("-"), model_field.null))
        if model_field.primary_key:
            return keys
    return [*keys, Key("pk", bool(keys) and keys[0].descending)]


def _value(obj, path):
    if isinstance(obj, dict):  # a row of values(), which must name the order's columns
        return obj[path]
    for part in path.split(LOOKUP_SEP):
        obj = getattr(obj, part)
    return obj


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def make_cursor(obj, keys):
    values = [_encode(_value(obj, key.path)) for key in keys]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_cursor(text, model, keys):
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError
        return [
            None if value is None else _field(model, key.path).to_python(value)
            for key, value in zip(keys, values, strict=True)
        ]
    except Exception as exc:  # noqa: BLE001 — any garbage is one kind of error to the user
        raise BadCursor("This page link is broken or out of date.") from exc


def after(keys, values, reverse=False):
    """Q for the rows that come after ``values`` in the order of ``keys``."""
    key, value, rest = keys[0], values[0], keys[1:]
    descending = key.descending != reverse
    nulls_last = not reverse
    beyond = Q(**{f"{key.path}__{'lt' if descending else 'gt'}": value})
    tail = after(rest, values[1:], reverse) if rest else Q(pk__in=[])
    if value is None:
        same = Q(**{f"{key.path}__isnull": True}) & tail
        return same if nulls_last else Q(**{f"{key.path}__isnull": False}) | same
    same = Q(**{key.path: value}) & tail
    if key.nullable and nulls_last:
        return beyond | same | Q(**{f"{key.path}__isnull": True})
    # The first test lets the database start its index scan at the cursor.
    bound = Q(**{f"{key.path}__{'lte' if descending else 'gte'}": value})
    return bound & (beyond | same) if rest else beyond


@dataclass
class Grouping:
    """An order led by a column of a related row (a claim's speaker's name), then the
    primary key, and whether the list matches many rows."""

    relation: object  # the foreign key (Claim.speaker)
    column: object  # the related row's column (Speaker.name)
    many: bool


def _on_postgresql(queryset):
    """Whether PostgreSQL reads ``queryset``: the ways of reading ids below are its."""
    return connections[queryset.db].vendor == "postgresql"


def _grouping(queryset, keys, many):
    """A Grouping when ``queryset``'s order is a related row's column and then the primary
    key, PostgreSQL reads it and ``many`` is known; else None (the plain query)."""
    if many is None or not _on_postgresql(queryset) or len(keys) != 2:
        return None
    first, last = keys
    parts = first.path.split(LOOKUP_SEP)
    if len(parts) != 2 or first.nullable or last.path != "pk":
        return None
    if first.descending != last.descending:
        return None
    relation = queryset.model._meta.get_field(parts[0])
    if not relation.many_to_one or relation.null:
        return None
    return Grouping(relation, relation.related_model._meta.get_field(parts[1]), many)


def _ids_by(grouping, queryset, keys, values, reverse, limit, offset=0):
    """The ids of ``limit`` rows of ``queryset``, ``offset`` rows after ``values`` (None:
    the start), in the order of ``keys``, an order led by a related row's column.

    Ordered by a speaker's name and then the claim's id, PostgreSQL walks the speakers in
    name order and sorts each one's claims by id: a page inside the busiest speaker's
    58,000 claims read all the rest of them (0.25 s), and a search matching a few claims
    read the claims of every speaker until it had found a page of them (0.12 s).

    Many matches (``grouping.many``): read group by group. A LATERAL subquery takes at
    most ``offset + limit`` of each speaker's claims, in id order, from the claim's
    (speaker, id) index, so a page reads no more than that of each speaker wherever it
    starts.
    Few: the matches first (a subquery fenced with OFFSET 0, which the planner keeps as
    it is), then their speakers' names, then the sort; group by group would read every
    claim of each speaker with none of the matches.
    """
    relation, column = grouping.relation, grouping.column
    descending = keys[0].descending != reverse
    order, beyond = ("DESC", "<") if descending else ("ASC", ">")
    quote = connections[queryset.db].ops.quote_name
    related = relation.related_model._meta
    name = f'"group".{quote(column.column)}'
    group_id = f'"group".{quote(related.pk.column)}'
    where, params = "", []
    if grouping.many:
        # Names from the models' own tables and columns; values always as parameters.
        same_group = RawSQL(  # noqa: S611
            f"{quote(queryset.model._meta.db_table)}.{quote(relation.column)} = {group_id}",
            (),
            output_field=BooleanField(),
        )
        inner = queryset.filter(same_group)
        if values is not None:
            other_group = RawSQL(f"{name} <> %s", (values[0],), output_field=BooleanField())  # noqa: S611
            inner = inner.filter(
                other_group | Q(**{f"pk__{'lt' if descending else 'gt'}": values[1]})
            )
            where, params = f"WHERE {name} {beyond}= %s", [values[0]]
        inner = inner.order_by(F("pk").desc() if descending else F("pk").asc())
        inner_sql, inner_params = _sql(inner.values_list("pk", flat=True)[: offset + limit])
        source = (
            f'{quote(related.db_table)} AS "group" CROSS JOIN LATERAL ({inner_sql}) AS page(id)'
        )
    else:
        inner_sql, inner_params = _sql(queryset.order_by().values_list("pk", relation.attname))
        source = (
            f"({inner_sql} OFFSET 0) AS page(id, group_id) "
            f'JOIN {quote(related.db_table)} AS "group" ON {group_id} = page.group_id'
        )
        if values is not None:
            where = f"WHERE {name} {beyond} %s OR ({name} = %s AND page.id {beyond} %s)"
            params = [values[0], values[0], values[1]]
    if inner_sql is None:  # a filter that can match nothing (an unknown speaker's name)
        return []
    sql = (
        f"SELECT page.id FROM {source} {where} "  # noqa: S608 — as above
        f"ORDER BY {name} {order}, page.id {order} LIMIT %s OFFSET %s"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def _sql(queryset):
    """``queryset``'s SQL and parameters for its own database; (None, None) when it can
    match nothing (Django raises EmptyResultSet rather than write such a query)."""
    try:
        return queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return None, None


def _page_of_ids(queryset, ids, per_page, route):
    """(the rows of the first ``per_page`` of ``ids``, in their order; whether more follow)
    for ``ids`` read one past the page. "More" is the ids': a row deleted or edited out of
    the filter between the two queries leaves a gap on this page, not a missing Next link."""
    rows = route.rows(queryset.filter(pk__in=ids[:per_page]))
    found = {_value(row, "pk"): row for row in rows}
    return [found[pk] for pk in ids[:per_page] if pk in found], len(ids) > per_page


def _number(text, default=1):
    try:
        return max(1, int(text))
    except (TypeError, ValueError):
        return default


def in_key_order(queryset):
    """``queryset`` in the order its pages read it: a nullable column NULLS LAST, as the
    list indexes are built. A plain descending order puts nulls first on PostgreSQL and
    cannot read those indexes: the newest 50 published claims sorted all 120,000 of a
    million-claim ledger (0.4 s)."""
    keys = keys_of(queryset)
    return queryset if keys is None else queryset.order_by(*(key.order() for key in keys))


@dataclass(frozen=True)
class _Route:
    """How a page's rows are read, chosen once per request from the order and the count.

    ``grouping``: an order led by a related row's column read by _ids_by (or None).
    ``ids_first``: an order that is not a column reads its page's ids, then their rows.
    ``columns``: rows as {column: value} of these (``values()``), else model instances.
    Ids are always read from the queryset as given: ``values()`` joins every table its
    columns come from, and keeps those joins in any query made from it afterwards."""

    grouping: Grouping | None = None
    ids_first: bool = False
    columns: tuple | None = None

    def rows(self, queryset):
        return queryset.values(*self.columns) if self.columns else queryset


def _check_columns(queryset, keys, columns):
    """Refuse what would make a page read wrongly for one order only, and so get past
    tests of the others: rows as values without the id or an order's column (its cursor),
    or a queryset that is values() already (its joins would be in every query of ids)."""
    if queryset.query.values_select:
        raise ValueError("paginate() reads the rows as values itself: pass columns=")
    missing = columns and ({key.path for key in keys or ()} | {"pk"}) - set(columns)
    if missing:
        raise ValueError(f"columns= must name the order's {', '.join(sorted(missing))}")


def paginate(queryset, params, per_page, last_page=None, total=None, columns=None):
    """The page of ``queryset`` that ``params`` (a QueryDict) asks for.

    ``params``: ``after`` or ``before`` (a cursor) with ``page`` (the number to show), or
    ``page`` alone. ``last_page(per_page)``: the last page number if it is known cheaply
    (exact count), for a page number past the end. ``total``: how many rows the queryset
    matches, if the caller knows (counted, estimated or bounded): it chooses how an order
    led by a related row's column is read (_ids_by), and whether an order that is not a
    column reads its ids first (_rows_from). ``columns``: the page's rows are
    {column: value} rows of these (with the order's columns among them) rather than model
    instances. Raises BadCursor for a broken cursor.
    """
    keys = keys_of(queryset)
    _check_columns(queryset, keys, columns)
    many = None if total is None else total >= GROUPED_FROM
    route = _Route(
        grouping=_grouping(queryset, keys, many) if keys else None,
        ids_first=(
            keys is None
            and total is not None
            and total >= IDS_FIRST_FROM
            and _on_postgresql(queryset)
        ),
        columns=columns,
    )
    number = _number(params.get("page"))
    cursor, backwards = params.get("after"), False
    if not cursor and params.get("before"):
        cursor, backwards = params.get("before"), True
    if keys is None or not cursor:
        return _by_offset(queryset, keys, number, per_page, last_page, route)
    values = read_cursor(cursor, queryset.model, keys)
    if route.grouping:
        ids = _ids_by(route.grouping, queryset, keys, values, backwards, per_page + 1)
        rows, more = _page_of_ids(queryset, ids, per_page, route)
    else:
        ordered = queryset.order_by(*(key.order(reverse=backwards) for key in keys))
        after_cursor = ordered.filter(after(keys, values, reverse=backwards))
        rows = list(route.rows(after_cursor)[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page]
    if backwards:
        rows.reverse()
        number = max(1, number)
        page = Page(rows, number=number, next_number=number + 1)
        if more:
            page.previous_number = max(1, number - 1)
    else:
        page = Page(rows, number=number, previous_number=max(1, number - 1))
        if more:
            page.next_number = number + 1
    if rows:
        page.next_cursor = make_cursor(rows[-1], keys) if page.has_next() else None
        page.previous_cursor = make_cursor(rows[0], keys) if page.has_previous() else None
    elif backwards:
        page.next_number = None
    return page


def _rows_from(queryset, keys, start, per_page, route):
    """The page of the ordered ``queryset`` that starts at row ``start``, and whether more
    rows follow.

    Past the first row, the skipped rows are walked by their ids alone, in the order's
    index, and the page's rows are then read by id: a row's joins and annotations are
    worked out for the page only, not for every row skipped (page 50 of the API's speakers
    counted the claims of the 2,450 speakers before it: 53 ms, now 3). So is every page of
    an order that is not a column (a search's rank) when ``route.ids_first``, the first
    too: it sorts every match, and on PostgreSQL each was joined to its speaker, article,
    verdict and assignee before the sort kept 25 (a search matching 1,100 of a million
    claims: 4.4 ms of the database's time, 1.8 ids first). Under IDS_FIRST_FROM matches
    the second query costs about what it saves; on SQLite it would run the full-text
    search again. The ids are a list, not a subquery: PostgreSQL joins the tables in the
    order Django writes them (settings.JOIN_COLLAPSE_LIMIT), so a subquery would be joined
    last, after every claim.
    """
    if route.grouping:
        ids = _ids_by(route.grouping, queryset, keys, None, False, per_page + 1, start)
        return _page_of_ids(queryset, ids, per_page, route)
    if route.ids_first or (start and keys is not None):
        ids = list(queryset.values_list("pk", flat=True)[start : start + per_page + 1])
        return _page_of_ids(queryset, ids, per_page, route)
    rows = list(route.rows(queryset)[start : start + per_page + 1])
    return rows[:per_page], len(rows) > per_page


def _by_offset(queryset, keys, number, per_page, last_page, route):
    notice = ""
    if (number - 1) * per_page >= MAX_OFFSET:
        notice = (
            f"Pages past {MAX_OFFSET // per_page} are reached with Next and Previous; "
            "here is the first page."
        )
        number = 1
    start = (number - 1) * per_page
    queryset = in_key_order(queryset)
    rows, more = _rows_from(queryset, keys, start, per_page, route)
    if not rows and number > 1 and last_page:
        # Past the end, as Paginator.get_page does: show the last page when it is known.
        last = last_page(per_page)
        number = max(1, min(number, last or 1))
        start = (number - 1) * per_page
        rows, more = _rows_from(queryset, keys, start, per_page, route)
    by_number = keys is None
    page = Page(rows, number=number, by_number=by_number, notice=notice)
    if number > 1:
        page.previous_number = number - 1
    if more and (not by_number or start + per_page < MAX_OFFSET):
        page.next_number = number + 1
    if keys is not None and rows:
        page.next_cursor = make_cursor(rows[-1], keys) if page.has_next() else None
        page.previous_cursor = make_cursor(rows[0], keys) if page.has_previous() else None
    return page


def query_for(params, page, forward):
    """Query-string changes for the link to the next (``forward``) or previous page."""
    number = page.next_number if forward else page.previous_number
    if page.by_number or number == 1:
        return {"page": number if number != 1 else None, "after": None, "before": None}
    cursor = page.next_cursor if forward else page.previous_cursor
    return {
        "page": number,
        "after": cursor if forward else None,
        "before": None if forward else cursor,
    }


def page_query(params, page, forward):
    """A copy of ``params`` (a QueryDict) that asks for the next (``forward``) or previous
    page, every filter kept: the one way the list's links and the API's are made."""
    query = params.copy()
    for key, value in query_for(query, page, forward).items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query
