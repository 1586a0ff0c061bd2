from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.accounts import DEMO_PASSWORD, demo_accounts_load
from demo.basis import demo_basis_load
from demo.cases import demo_cases_load
from demo.casework import demo_casework_load
from demo.cycle import demo_cycle_load
from demo.lifecycle import demo_lifecycle_load
from demo.monitoring import demo_monitoring_load
from demo.needtoknow import demo_needtoknow_load
from demo.ooza import demo_ooza_load
from demo.plandata import demo_plandata_load
from demo.referrals import demo_referrals_load
from demo.youths import demo_youths_load


class Command(BaseCommand):
    help = (
        "Laad fictieve demogegevens (organisaties, gebruikers per rol, jongeren met signalen, overleg, "
        "casussen en een jeugdgroep). "
        "Alleen met DEBUG aan."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demogegevens worden alleen geladen met DEBUG aan (lokale demo).")
        users = demo_accounts_load()
        demo_basis_load()  # sharing bases first: no signal without one (issue 10)
        # Each feature adds its demo data here through its own services; monitoring last, as its
        # figures are computed from the others.
        youths = demo_youths_load()
        cases = demo_cases_load()
        demo_lifecycle_load()
        demo_referrals_load()
        demo_casework_load()
        users.append(demo_needtoknow_load()["user"])
        demo_ooza_load()  # issue 12: OOZA leavers, a re-signal; before monitoring computes its figures
        demo_cycle_load()  # partners in the PDCA cycle, while the reference quarter is still open
        if demo_monitoring_load().get("skipped"):
            self.stdout.write("Monitoring-demo overgeslagen: laad eerst het plan (manage.py load_plan).")
        demo_plandata_load()  # budget changes, milestones, erkenningsniveaus (after monitoring's allocations)
        self.stdout.write("")
        self.stdout.write("Demo-gebruikers (wachtwoord voor allemaal: %s)" % DEMO_PASSWORD)
        for user in users:
            self.stdout.write(f"  {user.username:<16} {user.get_role_display():<16} {user.organisation}")
        self.stdout.write("")
        self.stdout.write("Fictieve jongeren met signalen toegevoegd: %d" % len(youths))
        if cases:
            self.stdout.write("Overleg, casus met procesregie en jeugdgroep toegevoegd.")
        self.stdout.write("")
