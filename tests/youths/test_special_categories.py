"""Issue 10.7: categories with special data are marked; a rule weighs them only with a DPIA reference."""

import pytest

from core.errors import DomainError
from tests.factories import signal_logged
from youths.models import CombinationRule, SignalCategory, SpecialCategory
from youths.reference_data import DEFAULT_RULES, SPECIAL_CATEGORIES
from youths.services.flags import combination_rule_save


def _save(actor, categories, dpia_reference=""):
    return combination_rule_save(
        actor=actor,
        rule=None,
        name="LVB en schoolverzuim",
        description="Signalen van LVB samen met verzuim.",
        window_days=90,
        min_signals=2,
        min_organisations=1,
        min_domains=1,
        min_total_weight=0,
        categories=categories,
        is_active=True,
        dpia_reference=dpia_reference,
    )


@pytest.mark.django_db
def test_the_seed_marks_health_data_and_victimhood(reference_lists):
    marked = dict(
        SignalCategory.objects.exclude(special_category="geen").values_list("code", "special_category")
    )
    assert marked == {"lvb": SpecialCategory.HEALTH, "slachtofferschap": SpecialCategory.VICTIM}


def test_no_seeded_rule_weighs_a_special_category():
    for rule in DEFAULT_RULES:
        assert not set(rule["categories"]) & set(SPECIAL_CATEGORIES), rule["name"]


@pytest.mark.django_db
def test_a_rule_with_a_health_category_and_no_dpia_reference_is_refused(petra, reference_lists):
    lvb = SignalCategory.objects.get(code="lvb")
    with pytest.raises(DomainError, match="bijzondere of strafrechtelijke gegevens") as refused:
        _save(petra, [lvb])
    assert refused.value.field == "dpia_reference"
    assert not CombinationRule.objects.filter(name="LVB en schoolverzuim").exists()
    rule = _save(petra, [lvb], dpia_reference="DPIA-2025-03, par. 4.2")
    assert rule.dpia_reference == "DPIA-2025-03, par. 4.2"


@pytest.mark.django_db
def test_the_rule_page_shows_the_refusal_at_the_dpia_field(web, petra, reference_lists):
    web.force_login(petra)
    page = web.get("/combinatieregels/nieuw/").content.decode()
    assert "bijzondere gegevens: Gezondheid" in page  # the marking is visible where categories are chosen
    lvb = SignalCategory.objects.get(code="lvb")
    response = web.post(
        "/combinatieregels/nieuw/",
        {
            "name": "LVB",
            "window_days": "60",
            "min_signals": "1",
            "min_organisations": "1",
            "min_domains": "1",
            "min_total_weight": "0",
            "categories": [lvb.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Dat mag alleen met een vastgelegde DPIA" in response.content.decode()
    assert not CombinationRule.objects.filter(name="LVB").exists()


@pytest.mark.django_db
def test_the_admin_refuses_marking_a_category_a_rule_weighs_without_dpia(web, bert, reference_lists, petra):
    drugs = SignalCategory.objects.get(code="drugs")
    _save(petra, [drugs])  # not special (yet): no DPIA needed
    web.force_login(bert)
    url = f"/beheer/youths/signalcategory/{drugs.pk}/change/"
    form = {
        "code": drugs.code,
        "name": drugs.name,
        "description": drugs.description,
        "weight": drugs.weight,
        "special_category": "strafrechtelijk",
        "is_active": "on",
        "order": drugs.order,
    }
    response = web.post(url, form)
    assert response.status_code == 200 and "zonder DPIA-kenmerk" in response.content.decode()
    drugs.refresh_from_db()
    assert drugs.special_category == SpecialCategory.NONE
    CombinationRule.objects.filter(name="LVB en schoolverzuim").update(dpia_reference="DPIA-2025-03")
    assert web.post(url, form).status_code == 302
    drugs.refresh_from_db()
    assert drugs.special_category == SpecialCategory.CRIMINAL


@pytest.mark.django_db
def test_signals_in_a_special_category_are_still_logged(bas, reference_lists):
    assert signal_logged(bas, category="lvb").category.is_special
