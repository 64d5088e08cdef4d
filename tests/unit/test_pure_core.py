"""The pure core must import without Django: it is unit-tested alone."""

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_nlp_and_analysis_load_no_django():
    import claims.analysis
    import claims.nlp

    modules = [
        f"{pkg.__name__}.{info.name}"
        for pkg in (claims.nlp, claims.analysis)
        for info in pkgutil.iter_modules(pkg.__path__)
    ]
    assert modules, "the pure core has no modules"
    modules.append("claims.markup")  # the reviewer pages' highlights and diffs
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
