"""`python -m eval [SECTION ...] [--quick] [--json] [--held | --split unseen]`: run sections."""

import argparse
import importlib
import json
import os
import sys
import time

from eval.common import ON_REQUEST

# Sections in the order they print; each is a module of this package.
SECTIONS = ("stories", "flags", "matching")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    parser.add_argument(
        "sections", nargs="*", metavar="SECTION", help=f"any of {', '.join(SECTIONS)} (all)"
    )
    parser.add_argument("--quick", action="store_true", help="a sample that runs in minutes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    parser.add_argument(
        "--held",
        action="store_true",
        help="read the held split of eval/dev/split.json (a planned held-out check): "
        "stories add its stream, flags score it alone",
    )
    parser.add_argument(
        "--split",
        choices=ON_REQUEST,
        help="read that split of eval/dev/split.json kept for a held-out check "
        "(--held is --split held)",
    )
    args = parser.parse_args(argv)
    if args.held:
        args.split = "held"
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    figures = {}
    for name in args.sections or SECTIONS:
        started = time.monotonic()
        print(f"== {name}{' (quick)' if args.quick else ''}", flush=True)
        module = importlib.import_module(f"eval.{name}")
        if args.split and name == "stories":
            figures[name] = module.run(quick=args.quick, only=args.split)
        elif name == "flags":  # with where each missed flag was lost (counts only)
            figures[name] = module.run(quick=args.quick, half=args.split, why=True)
        else:
            figures[name] = module.run(quick=args.quick)
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    if args.json:
        json.dump(figures, sys.stdout, indent=2, default=str)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
