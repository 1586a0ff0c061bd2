"""API shapes of the cases app, one module per sub-domain; `fields` holds the shared references."""
