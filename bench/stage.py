"""Child-process entry: `python -m bench.stage NAME OUT.json OPTIONS_JSON`.

Each stage runs in its own process so that it gets its own database settings
(they are read from the environment when Django starts) and its own peak RSS.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    name, out, options = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    import django

    django.setup()
    from django.core.management import call_command

    if name not in ("encode", "prepare", "memory"):  # these need no tables
        call_command("migrate", verbosity=0, interactive=False)
    import importlib

    result = importlib.import_module(f"bench.{name}").run(**options)
    out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
