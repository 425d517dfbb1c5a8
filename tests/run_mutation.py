"""Mutation testing of the core modules with mutmut: `make mutation` (slow; not run in CI).

Each module is mutated one small change at a time (an operator flipped, a constant changed,
a line removed) and its own fast tests are run against every mutant: a mutant the tests
still pass on "survived", meaning a real breakage there would go unnoticed. The score is
killed / (killed + survived + timed out), per module, from mutmut's cache. The survivors
that remain are listed, and explained in the README.

    python tests/run_mutation.py [MODULE ...]
"""

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".mutmut-cache"
PYTEST = f"{sys.executable} -m pytest -x -q -p no:cacheprovider -p no:randomly"
# Each module with the tests that exercise it: a focused set keeps a mutant's run short.
TARGETS = {
    "claims/services.py": [
        "tests/test_services.py",
        "tests/test_corrections.py",
        "tests/test_merge.py",
        "tests/test_relations.py",
        "tests/test_history.py",
        "tests/test_review.py",
    ],
    "claims/permissions.py": ["tests/test_permissions.py", "tests/test_admin_actions.py"],
    "claims/claimreview.py": ["tests/test_claimreview.py", "tests/test_publishing.py"],
    "claims/extraction/speakers.py": ["tests/test_speakers.py", "tests/test_extraction.py"],
}


def run(module):
    tests = " ".join(TARGETS[module])
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mutmut",
            "run",
            "--paths-to-mutate",
            module,
            "--runner",
            # mutmut 2 counts only exit code 1 as failing tests; a mutant that breaks the
            # import (pytest exits 2 or 4) is caught too, so every failure becomes 1.
            f"sh -c '{PYTEST} {tests} || exit 1'",
            "--tests-dir",
            "tests",
            "--simple-output",
            "--no-progress",
        ],
        cwd=ROOT,
        check=False,  # mutmut exits non-zero when anything survived; the table says what
    )


def results():
    """{module: {status: count}} and the surviving mutants' ids, from mutmut's cache."""
    counts, survivors = {}, {}
    with sqlite3.connect(CACHE) as db:
        rows = db.execute(
            "SELECT sourcefile.filename, mutant.status, mutant.id FROM mutant "
            "JOIN line ON mutant.line = line.id JOIN sourcefile ON line.sourcefile = sourcefile.id"
        )
        for filename, status, mutant in rows:
            counts.setdefault(filename, {}).setdefault(status, 0)
            counts[filename][status] += 1
            if status == "bad_survived":
                survivors.setdefault(filename, []).append(mutant)
    return counts, survivors


def main(modules):
    for module in modules:
        run(module)
    counts, survivors = results()
    print(f"\n{'module':34} {'killed':>7} {'survived':>9} {'timeout':>8} {'score':>7}")
    for module in modules:
        c = counts.get(module, {})
        killed = c.get("ok_killed", 0) + c.get("ok_suspicious", 0)
        lived, slow = c.get("bad_survived", 0), c.get("bad_timeout", 0)
        total = killed + lived + slow
        score = f"{killed / total:.0%}" if total else "—"
        print(f"{module:34} {killed:7} {lived:9} {slow:8} {score:>7}")
    for module in modules:
        if survivors.get(module):
            ids = " ".join(map(str, survivors[module]))
            print(f"survivors in {module} (see each with `mutmut show ID`): {ids}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(TARGETS))
