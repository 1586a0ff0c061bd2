import pytest


@pytest.fixture
def indicators(plan):
    """The plan's seeded indicators (monitoring/data/indicators.json)."""
    from monitoring.services import indicators_seed_load

    indicators_seed_load(actor=None)


def indicator(code: str):
    from monitoring.models import Indicator

    return Indicator.objects.select_related("intervention__track").get(code=code)
