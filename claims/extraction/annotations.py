"""Read hand-checked claim annotations: the seed format, and the extraction gold standard.

A file ``NAME.json`` sits beside the article ``NAME.txt`` (or names it in
``source.body_file``)::

    {"source": {"title": …, "publisher": …, "url": …, "published_on": "YYYY-MM-DD" | null,
                "language": "en", "body_file": "NAME.txt"},
     "speakers": [{"name", "kind", "role", "affiliation", "same_as", "aliases": [...]}],
     "claims": [{"id", "speaker", "relayed_by", "kind", "cue", "text", "start", "end"}],
     "relations": [{"from": id, "kind": "denies", "to": id}]}

Offsets index the article's decoded text unchanged; ``text`` must equal ``body[start:end]``.
Pure Python, so the extraction evaluator reads the same files without Django.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path


class AnnotationError(ValueError):
    """The annotation file is inconsistent; the message names the place."""


@dataclass(frozen=True)
class SpeakerNote:
    name: str
    kind: str = "person"
    role: str = ""
    affiliation: str = ""
    same_as: str = ""
    aliases: tuple = ()


@dataclass(frozen=True)
class ClaimNote:
    id: str
    speaker: str
    text: str
    start: int
    end: int
    kind: str = "paraphrase"
    cue: str = ""
    relayed_by: str | None = None


@dataclass(frozen=True)
class RelationNote:
    from_id: str
    kind: str
    to_id: str


@dataclass
class Annotations:
    source: dict
    body: str
    speakers: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    relations: list = field(default_factory=list)


def read_annotations(path):
    """Read and check ``path``; raise AnnotationError naming the first problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnnotationError(f"{path}: cannot read annotations: {exc}") from exc
    source = dict(data.get("source") or {})
    body_path = path.with_name(source.pop("body_file", None) or path.with_suffix(".txt").name)
    try:
        body = body_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"{path}: cannot read the article {body_path.name}: {exc}") from exc
    return parse_annotations(data, body, origin=str(path), source=source)


def parse_annotations(data, body, origin="annotations", source=None):
    # Long because every check reports its own line-numbered error message.
    try:
        speakers = [
            SpeakerNote(**{**item, "aliases": tuple(item.get("aliases", ()))})
            for item in data.get("speakers", [])
        ]
        claims = [ClaimNote(**item) for item in data.get("claims", [])]
        relations = [
            RelationNote(item["from"], item["kind"], item["to"])
            for item in data.get("relations", [])
        ]
    except (TypeError, KeyError) as exc:
        raise AnnotationError(f"{origin}: malformed entry: {exc}") from exc

    known = {s.name for s in speakers}
    ids = set()
    for note in claims:
        where = f"{origin}: claim {note.id!r}"
        if note.id in ids:
            raise AnnotationError(f"{where} is listed twice")
        ids.add(note.id)
        if not (0 <= note.start < note.end <= len(body)):
            raise AnnotationError(f"{where}: span {note.start}-{note.end} is outside the text")
        if body[note.start : note.end] != note.text:
            raise AnnotationError(
                f"{where}: the text at {note.start}-{note.end} is "
                f"{body[note.start : note.end]!r}, not {note.text!r}"
            )
        for name in (note.speaker, note.relayed_by):
            if name is not None and name not in known:
                raise AnnotationError(f"{where}: speaker {name!r} is not in the speakers list")
    for rel in relations:
        if rel.from_id not in ids or rel.to_id not in ids:
            raise AnnotationError(f"{origin}: relation {rel} names an unknown claim")
    return Annotations(
        source=source if source is not None else dict(data.get("source") or {}),
        body=body,
        speakers=speakers,
        claims=claims,
        relations=relations,
    )
