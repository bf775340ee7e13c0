"""Known vulnerabilities in the installed dependencies, where the advisory database can be
reached (docs/security.md).

Runs pip-audit against the virtual environment's packages. A vulnerability found fails the
run (exit 1) and is listed. When the advisory service cannot be reached (a closed network,
a package mirror without PyPI's JSON API), nothing could be audited: that is said plainly
and the run goes on (exit 0), because it proves nothing either way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
TIMEOUT_SECONDS = 300


def main() -> int:
    command = [
        str(VENV_BIN / "pip-audit"),
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    try:
        result = subprocess.run(  # noqa: S603 - a fixed command
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"pip-audit: no answer within {TIMEOUT_SECONDS} s; dependencies NOT audited.")
        return 0
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        print(
            "pip-audit: the advisory database could not be reached; NOT audited "
            f"(0 of {len(dependencies)} dependencies answered, exit {result.returncode})."
        )
        return 0
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    skipped = len(dependencies) - len(audited)
    print(
        f"pip-audit: {len(audited)} dependencies audited, {skipped} skipped, "
        f"{len(vulnerable)} with known vulnerabilities."
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
