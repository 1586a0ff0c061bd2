"""The cases API, one module per sub-domain (pgaanpak.api_urls registers the viewsets)."""
