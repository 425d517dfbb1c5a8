"""Turn each hand-written NAME.spec into the annotation file NAME.json beside NAME.txt.

A .spec line is ``id | speaker | relayed_by | kind | cue | exact words``; a line
``> from kind to`` relates two claims. The words must occur once in the article (a
trailing comma is not part of a statement). Run: python tests/articles/build_gold.py
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def build(spec):
    body = spec.with_suffix(".txt").read_text(encoding="utf-8")
    claims, relations, speakers = [], [], {}
    for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(">"):
            source, kind, target = line[1:].split()
            relations.append({"from": source, "kind": kind, "to": target})
            continue
        cid, speaker, relayed, kind, cue, text = (part.strip() for part in line.split("|", 5))
        text = text.rstrip(",")
        if body.count(text) != 1:
            sys.exit(f"{spec.name}:{number}: {text!r} occurs {body.count(text)} times")
        start = body.index(text)
        for name in filter(None, (speaker, relayed)):
            speakers.setdefault(name, {"name": name, "kind": "person", "aliases": []})
        claims.append(
            {
                "id": cid,
                "speaker": speaker,
                "relayed_by": relayed or None,
                "kind": kind,
                "cue": cue,
                "text": text,
                "start": start,
                "end": start + len(text),
            }
        )
    title = body.split("\n", 1)[0].strip()
    data = {
        "source": {"title": title, "url": None, "language": "en"},
        "speakers": list(speakers.values()),
        "claims": claims,
        "relations": relations,
    }
    spec.with_suffix(".json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return len(claims)


if __name__ == "__main__":
    for path in sorted(HERE.glob("*.spec")):
        print(f"{path.name}: {build(path)} claims")
