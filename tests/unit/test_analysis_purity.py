import subprocess
import sys


def test_analysis_imports_no_django():
    code = (
        "import sys, claims.analysis.run, claims.analysis.cluster, claims.analysis.compare, "
        "claims.analysis.people, claims.analysis.wire, claims.analysis.types; "
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
