"""Time the monitoring computations, one quarter's refresh and report, and the nightly refresh at scale.

Target (issue 5): a quarterly report in under 10 s at 200,000 youths and 1.5 million signals.

    createdb pgaanpak_bench
    export DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/pgaanpak_bench
    python manage.py setup
    python -c "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='pgaanpak.settings'; django.setup(); \
        from demo.accounts import demo_accounts_load; demo_accounts_load()"
    psql "$DATABASE_URL" -f bench/monitoring_scale.sql
    psql "$DATABASE_URL" -f bench/monitoring_scale_cases.sql
    python bench/monitoring_scale.py [--nightly]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgaanpak.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from monitoring import computations  # noqa: E402
from monitoring.models import Report  # noqa: E402
from monitoring.periods import Period  # noqa: E402
from monitoring.services.measurements import measurements_refresh  # noqa: E402
from monitoring.services.reports import report_make  # noqa: E402

TODAY = dt.date(2026, 11, 28)  # the last day of the synthetic data


def timed(label: str, function, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"{label:44} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    from tracks.models import Intervention

    quarter = Period.parse("2025-Q2")
    ooza = Intervention.objects.get(code="3.1.1")
    for key in (
        "youths_with_signal",
        "signals_new",
        "matches_new",
        "matches_followed_up_in_time",
        "flags_raised",
        "youths_discussed",
        "actions_done_on_time",
        "cases_opened",
        "cases_active",
        "cases_closed",
        "youths_enrolled_in_intervention",
        "closed_cases_with_perspective_in_intervention",
    ):
        timed(f"computation {key}", computations.get(key), quarter.start, quarter.end, ooza)
    timed(
        "youths_with_signal since the start",
        computations.get("youths_with_signal"),
        dt.date(2024, 7, 1),
        quarter.end,
    )
    with CaptureQueriesContext(connection) as queries:
        timed(f"refresh {quarter.code}", measurements_refresh, periods=[quarter], today=TODAY)
    print(f"{'':44} {len(queries.captured_queries):7d} queries")
    Report.objects.filter(period__kind=quarter.kind, period__start=quarter.start).delete()
    timed(f"make_report {quarter.code} (refresh and build)", report_make, actor=None, period=quarter)
    if "--nightly" in sys.argv:
        timed("nightly refresh of every open period", measurements_refresh, today=TODAY)


if __name__ == "__main__":
    main()
