"""Input shape of the cases pages, one module per sub-domain; `fields` holds the shared widgets and fields."""
