"""The extraction evaluator's report, as someone tuning the extractor reads it."""

import io
import json

import pytest

from claims.extraction import evaluate


def test_the_report_has_a_row_per_article_a_total_and_lists_what_went_wrong(tmp_path):
    (tmp_path / "a.txt").write_text("Ann Lee said the dam would hold. Nobody else spoke.")
    gold = {
        "source": {"title": "Dam", "body_file": "a.txt"},
        "speakers": [{"name": "Ann Lee"}, {"name": "Bob Ray"}],
        "claims": [
            {
                "id": "dam",
                "speaker": "Bob Ray",
                "text": "the dam would hold",
                "start": 13,
                "end": 31,
            },
            {
                "id": "none",
                "speaker": "Ann Lee",
                "text": "Nobody else spoke",
                "start": 33,
                "end": 50,
            },
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold))
    out = io.StringIO()
    total = evaluate.evaluate([tmp_path], verbose=True, out=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["article", "gold", "cand"]
    assert lines[1].split()[:2] == ["a", "2"] and lines[-1].split()[:2] == ["TOTAL", "2"]
    assert any(line.strip().startswith("missed") and "Nobody else" in line for line in lines)
    assert any("should be 'Bob Ray'" in line for line in lines)
    assert total.gold == 2


def test_a_broken_gold_file_stops_with_its_reason(tmp_path, capsys):
    (tmp_path / "b.txt").write_text("Some text.")
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "source": {"title": "B", "body_file": "b.txt"},
                "speakers": [{"name": "X"}],
                "claims": [{"id": "c", "speaker": "X", "text": "nope", "start": 0, "end": 4}],
            }
        )
    )
    with pytest.raises(SystemExit) as stopped:
        evaluate.main([str(tmp_path)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.startswith("error:")
