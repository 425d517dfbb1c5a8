"""The gold-annotation format refuses a broken file with the first problem, named."""

import json

import pytest

from claims.extraction.annotations import AnnotationError, parse_annotations, read_annotations

BODY = "Ann Lee said the dam would hold."
GOOD = {
    "speakers": [{"name": "Ann Lee"}],
    "claims": [
        {"id": "dam", "speaker": "Ann Lee", "text": "the dam would hold", "start": 13, "end": 31}
    ],
}


def _with(**changes):
    claim = {**GOOD["claims"][0], **changes}
    return {**GOOD, "claims": [claim]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"speakers": [{"nom": "x"}]}, "malformed entry"),
        ({**GOOD, "relations": [{"from": "dam"}]}, "malformed entry"),
        ({**GOOD, "claims": GOOD["claims"] * 2}, "claim 'dam' is listed twice"),
        (_with(start=20, end=99), "span 20-99 is outside the text"),
        (_with(text="the dam would fall"), "is 'the dam would hold', not 'the dam would fall'"),
        (_with(speaker="Bob Ray"), "speaker 'Bob Ray' is not in the speakers list"),
        (_with(relayed_by="Radio"), "speaker 'Radio' is not in the speakers list"),
        (
            {**GOOD, "relations": [{"from": "dam", "kind": "denies", "to": "nope"}]},
            "names an unknown claim",
        ),
    ],
)
def test_a_broken_annotation_is_refused_with_its_first_problem(data, message):
    with pytest.raises(AnnotationError, match=message):
        parse_annotations(data, BODY, origin="gold.json")


def test_files_that_cannot_be_read_say_which_and_why(tmp_path):
    (tmp_path / "a.json").write_text("{not json")
    with pytest.raises(AnnotationError, match="a.json: cannot read annotations"):
        read_annotations(tmp_path / "a.json")
    (tmp_path / "b.json").write_text(json.dumps(GOOD))
    with pytest.raises(AnnotationError, match="cannot read the article b.txt"):
        read_annotations(tmp_path / "b.json")
    (tmp_path / "b.txt").write_text(BODY)
    notes = read_annotations(tmp_path / "b.json")
    assert [c.text for c in notes.claims] == ["the dam would hold"] and notes.body == BODY
