from django.urls import path

from . import views

app_name = "youths"

urlpatterns = [
    path("jongeren/", views.youth_list, name="list"),
    path("jongeren/<int:youth_id>/", views.youth_detail, name="detail"),
    path("jongeren/<int:youth_id>/leeslog/", views.youth_read_log, name="read_log"),
    path("jongeren/<int:youth_id>/informeren/", views.family_informing, name="family_informing"),
    path("signalen/", views.signal_list, name="signals"),
    path("signalen/melden/", views.signal_create, name="signal_create"),
    path("signalen/<int:signal_id>/corrigeren/", views.signal_change, name="signal_change"),
    path("signalen/<int:signal_id>/intrekken/", views.signal_withdraw, name="signal_withdraw"),
    path("signalen/<int:signal_id>/afsluiten/", views.signal_close, name="signal_close"),
    path(
        "jongeren/<int:youth_id>/betrokkenheid-beeindigen/", views.involvement_close, name="involvement_close"
    ),
    path("matches/", views.match_list, name="matches"),
    path("matches/<int:match_id>/opvolging/", views.match_follow_up, name="match_follow_up"),
    path("vroegsignalering/", views.flag_list, name="flags"),
    path("vroegsignalering/informeren/", views.informing_overdue, name="informing_overdue"),
    path("vroegsignalering/<int:flag_id>/afhandelen/", views.flag_close, name="flag_close"),
    path("dubbele-registraties/", views.duplicate_list, name="duplicates"),
    path(
        "dubbele-registraties/<int:candidate_id>/samenvoegen/", views.duplicate_merge, name="duplicate_merge"
    ),
    path(
        "dubbele-registraties/<int:candidate_id>/verschillend/",
        views.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path("combinatieregels/", views.rule_list, name="rules"),
    path("combinatieregels/nieuw/", views.rule_create, name="rule_create"),
    path("combinatieregels/<int:rule_id>/", views.rule_change, name="rule_change"),
]
