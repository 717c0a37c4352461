"""Command line: ``python -m srn_lib list`` and ``python -m srn_lib run NAME [options]``."""

import argparse
import sys

from srn_lib import experiments
from srn_lib.runtime import set_threads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m srn_lib",
                                     description="Run the State-Reification experiments headless.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the experiments")
    run = sub.add_parser("run", help="run one experiment, print its metrics and write NAME.json")
    run.add_argument("name", help="experiment name (see 'list')")
    run.add_argument("--preset", default="default", choices=experiments.PRESET_NAMES)
    run.add_argument("--seed", type=int, default=0, help="random seed, an integer >= 0 (default 0)")
    run.add_argument("--out", default="results", help="folder for NAME.json (default: results)")
    run.add_argument("--threads", type=int, default=None, help="torch threads (default: SRN_THREADS or 1)")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)

    if args.command == "list":
        for name in experiments.MODULES:
            print(f"{name:<20} {experiments.describe(name)}")
        return 0
    if args.name not in experiments.MODULES:
        parser.error(f"unknown experiment {args.name!r}; choose one of: {', '.join(experiments.MODULES)}")
    if args.seed < 0:
        parser.error(f"--seed must be an integer >= 0, got {args.seed}")
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads must be an integer >= 1, got {args.threads}")
    set_threads(args.threads)
    result = experiments.get(args.name).run(preset=args.preset, seed=args.seed, progress=not args.quiet)
    print(result.table())
    print(f"wrote {result.save(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
