from rest_framework import viewsets

from .access import RolePermission
from .models import Organisation
from .serializers import OrganisationSerializer


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the network with their contact details (who to call)."""

    serializer_class = OrganisationSerializer
    permission_classes = [RolePermission.of("accounts.view_organisation")]
    queryset = Organisation.objects.select_related("kind", "sharing_basis").order_by("name")
    filterset_fields = ["kind__code", "is_active"]
