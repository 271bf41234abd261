"""Start-up of the bundled app against the same app from source, measured in the same run.

    .venv/bin/python bench/bundle.py [--candidates 100000] [--runs 5]

Both start as `TalentDesk --data-dir DIR` on the same seeded folder with
TALENTDESK_EXIT_AFTER_SHOWN=1, which prints "shown" once the list pane has painted and quits.
Builds the bundle first when it is out of date (packaging/build.sh). Needs a display (run under
`xvfb-run -a`) or QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import ROOT, seeded_folder, time_process  # noqa: E402

TARGET = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    build = subprocess.run(
        [str(ROOT / "packaging" / "build.sh")], check=True, capture_output=True, text=True
    )
    bundle = Path(build.stdout.strip().splitlines()[-1])
    folder, _ = seeded_folder(args.candidates)
    os.environ["TALENTDESK_EXIT_AFTER_SHOWN"] = "1"
    commands = {
        "source": [sys.executable, "-m", "talentdesk", "--data-dir", str(folder)],
        "bundle": [str(bundle / "TalentDesk"), "--data-dir", str(folder)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        for name, command in commands.items():
            times[name].append(time_process(command, "shown")[0])
    source, bundled = (statistics.median(times[name]) for name in ("source", "bundle"))
    size = subprocess.run(["du", "-sh", str(bundle)], capture_output=True, text=True, check=True)
    print(f"database: {args.candidates:,} candidates; median of {args.runs} starts each")
    print(
        f"start to window shown: bundle {bundled * 1000:.0f} ms, source {source * 1000:.0f} ms; "
        f"ratio {bundled / source:.2f} (target <= {TARGET:.2f})"
    )
    print(f"bundle size on disk: {size.stdout.split()[0]} ({bundle})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
