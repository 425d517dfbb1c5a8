"""The OpenAPI 3.0 description of the read-only JSON API (served at /api/openapi.json)."""

from claims.models import Claim
from claims.representation import claim_schema


def _list_of(schema):
    return {
        "type": "object",
        "required": ["count", "count_exact", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "count_exact": {
                "type": "boolean",
                "description": "False when count is an estimate (a wide filter on many rows).",
            },
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
        },
    }


def _query(name, description, schema=None, many=False):
    schema = schema or {"type": "string"}
    parameter = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "array", "items": schema} if many else schema,
    }
    if many:
        parameter.update(style="form", explode=True)
    return parameter


PAGING = [
    _query(
        "page",
        "Page number, from 1: alone it reaches the first 10,000 items; with after/before it "
        "is the number shown. Follow `next` and `previous` to go further.",
        {"type": "integer", "minimum": 1},
    ),
    _query("after", "Cursor from a `next` link: the items after it."),
    _query("before", "Cursor from a `previous` link: the items before it."),
    _query(
        "page_size",
        "Items per page (at most 200; default 50).",
        {"type": "integer", "minimum": 1, "maximum": 200},
    ),
]
CLAIM_FILTERS = [
    _query("q", "Search the statement, speaker names and aliases, source titles."),
    _query("speaker", "Speaker name or alias (contains, any case)."),
    _query(
        "status",
        "Workflow status; repeat for several.",
        {"type": "string", "enum": Claim.Status.values},
        many=True,
    ),
    _query("verdict", "Rating id; repeat for several.", {"type": "integer"}, many=True),
    _query("source", "Source id.", {"type": "integer"}),
    _query("relayed_by", "Name or alias of who relayed the statement."),
    _query("kind", "Kind of statement.", {"type": "string", "enum": Claim.Kind.values}),
    _query(
        "claimed_after", "Claimed on or after (YYYY-MM-DD).", {"type": "string", "format": "date"}
    ),
    _query(
        "claimed_before", "Claimed on or before (YYYY-MM-DD).", {"type": "string", "format": "date"}
    ),
    _query("assigned", "Assignee.", {"type": "string", "enum": ["me", "anyone", "nobody"]}),
    _query(
        "order",
        "Sort order.",
        {
            "type": "string",
            "enum": ["updated", "-updated", "claimed", "-claimed", "speaker", "-speaker"],
        },
    ),
]
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
ERRORS = {
    "401": {
        "description": "Not signed in and no valid token.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
    "403": {
        "description": "The account has no role that may read claims.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
}
BAD_REQUEST = {
    "400": {
        "description": "A parameter was not understood (it is named in 'unknown'), or a "
        "value is invalid (in 'errors'). Nothing is returned.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
}
NOT_FOUND = {
    "404": {
        "description": "No such item or page.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
}


def _get(summary, schema, parameters=(), extra=None):
    responses = {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
        **BAD_REQUEST,
        **ERRORS,
        **(extra or {}),
    }
    return {"get": {"summary": summary, "parameters": list(parameters), "responses": responses}}


def _nullable(kind, **more):
    return {"type": kind, "nullable": True, **more}


# The API adds its own address to the shared claim shape.
CLAIM = claim_schema(url={"type": "string", "format": "uri"})
CLAIM_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/Claim"},
        {
            "type": "object",
            "properties": {
                "notes": {
                    "type": "string",
                    "description": "Internal reviewer notes, sanitised HTML.",
                },
                "claim_reviewed": {
                    "type": "string",
                    "description": "The claim as checked, as the editor wrote it ('' if not yet).",
                },
                "explanation": {
                    "type": "string",
                    "description": "The public explanation, sanitised HTML.",
                },
                "relations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "from": {"type": "integer"},
                            "kind": {"type": "string"},
                            "to": {"type": "integer"},
                        },
                    },
                },
                "evidence": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "url": {"type": "string", "format": "uri"},
                            "title": {"type": "string"},
                            "note": {"type": "string"},
                        },
                    },
                },
                "public_url": _nullable("string", format="uri"),
                "claimreview": {
                    "type": "object",
                    "nullable": True,
                    "description": "schema.org ClaimReview, when published.",
                },
            },
        },
    ]
}
SPEAKER = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "kind": {"type": "string"},
        "role": {"type": "string"},
        "affiliation": {"type": "string"},
        "same_as": _nullable("string", format="uri"),
        "aliases": {"type": "array", "items": {"type": "string"}},
        "claims": {"type": "integer"},
    },
}
SOURCE = {
    "type": "object",
    "required": ["id", "title"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "publisher": {"type": "string"},
        "url": _nullable("string", format="uri"),
        "published_on": _nullable("string", format="date"),
        "language": {"type": "string"},
        "claims": {"type": "integer"},
        "body": {"type": "string", "description": "Full text (detail only)."},
    },
}


def openapi_document(server_url):
    ref = {
        name: {"$ref": f"#/components/schemas/{name}"}
        for name in ("Claim", "ClaimDetail", "Speaker", "Source")
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "factcheck API",
            "version": "1",
            "description": "Read-only access to claims, speakers and sources. Send "
            "'Authorization: Token <key>' or use a signed-in session. Any method but GET "
            "or HEAD gets 405 with an Error body; any query parameter not listed for an "
            "operation gets 400 naming it.",
        },
        "servers": [{"url": server_url}],
        "security": [{"token": []}, {"session": []}],
        "paths": {
            "/claims/": _get(
                "Claims, filtered like the claim list",
                _list_of("Claim"),
                CLAIM_FILTERS + PAGING,
                NOT_FOUND,
            ),
            "/claims/{id}/": _get(
                "One claim, with relations, evidence and ClaimReview",
                ref["ClaimDetail"],
                ID,
                NOT_FOUND,
            ),
            "/speakers/": _get(
                "Speakers",
                _list_of("Speaker"),
                [_query("q", "Name or alias contains."), *PAGING],
                NOT_FOUND,
            ),
            "/speakers/{id}/": _get("One speaker", ref["Speaker"], ID, NOT_FOUND),
            "/sources/": _get("Sources", _list_of("Source"), PAGING, NOT_FOUND),
            "/sources/{id}/": _get("One source with its full text", ref["Source"], ID, NOT_FOUND),
        },
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "'Token <key>'",
                },
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
            "schemas": {
                "Claim": CLAIM,
                "ClaimDetail": CLAIM_DETAIL,
                "Speaker": SPEAKER,
                "Source": SOURCE,
                "Error": {
                    "type": "object",
                    "required": ["detail"],
                    "properties": {
                        "detail": {"type": "string"},
                        "unknown": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Parameters not understood.",
                        },
                        "errors": {"type": "object", "description": "Invalid values, by name."},
                        "pages": {"type": "integer"},
                    },
                },
            },
        },
    }
