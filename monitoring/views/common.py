"""What the monitoring pages share: page size and the period a page shows."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import AuthenticatedRequest

from .. import selectors
from ..periods import QUARTER, Period

PAGE_SIZE = 25


def period_from(request: AuthenticatedRequest, default_kind: str = QUARTER) -> Period:
    """The period in ?periode=…, else the last quarter that has ended (the one being reported on) –
    or, when that has no figures yet, the latest quarter before it that has (said on the page)."""
    code = request.GET.get("periode", "")
    if code:
        try:
            return Period.parse(code)
        except ValueError:
            messages.warning(
                request, _("Onbekende periode %(code)s; het vorige kwartaal wordt getoond.") % {"code": code}
            )
    last_ended = Period.containing(default_kind, timezone.localdate()).previous()
    with_data = selectors.latest_period_with_data(kind=default_kind, not_after=last_ended)
    if with_data is None or with_data == last_ended:
        return last_ended
    messages.info(
        request,
        _("%(last)s heeft nog geen cijfers; getoond wordt %(shown)s, de laatste periode met cijfers.")
        % {"last": last_ended.label, "shown": with_data.label},
    )
    return with_data


def period_or_404(code: str) -> Period:
    try:
        return Period.parse(code)
    except ValueError:
        raise Http404 from None
