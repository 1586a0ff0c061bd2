"""Dependency audit (issue 9, point 12): pip-audit over the installed, pinned environment.

pip-audit says "No known vulnerabilities found" and exits 0 even when it could audit nothing (every
package skipped because the vulnerability service did not answer). This wrapper reads its JSON and
decides itself:
- a known vulnerability in any installed package: exit 1;
- any package not audited (service unreachable, package unknown to it): exit 3 and a loud banner
  that points to the manual procedure in docs/operations.md ("Dependency audit"); never a green line;
- everything audited and clean: exit 0, with the count.
"""

from __future__ import annotations

import json
import subprocess  # noqa: S404
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests import ci_numbers  # noqa: E402


def main() -> int:
    completed = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--vulnerability-service",
            "pypi",
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--skip-editable",  # the project itself is not a published package
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(completed.stderr, file=sys.stderr)
        print("DEPENDENCY AUDIT FAILED: pip-audit gave no report (see above).", file=sys.stderr)
        return 3
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    ci_numbers.record("dependencies audited for known vulnerabilities", len(audited))
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(
                f"VULNERABLE: {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})"
            )
    if vulnerable:
        print(
            f"DEPENDENCY AUDIT FAILED: {len(vulnerable)} vulnerable package(s); bump each pin, one at a time."
        )
        return 1
    if skipped:
        print("=" * 78)
        print(
            f"DEPENDENCY AUDIT NOT DONE: {len(skipped)} of {len(dependencies)} packages could not be audited"
        )
        print(f"(first: {skipped[0]['skip_reason']}).")
        print("The vulnerability service is not reachable from here. Nothing was checked for these packages:")
        print("run the manual procedure in docs/operations.md, section 'Dependency audit'.")
        print("=" * 78)
        return 3
    print(f"Dependency audit: {len(audited)} packages audited, no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
