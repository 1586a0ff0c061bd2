"""HTML pages of the cases app, one module per sub-domain (core, meetings, actions, groups); cases.urls
routes to them. `shared` holds what they share."""
