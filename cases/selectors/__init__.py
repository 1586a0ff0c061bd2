"""Reads of the cases app and its access gateways, one module per sub-domain: core (cases), meetings,
actions, groups and lists. Every view, API and job gets these objects through the `*_for_user`
functions and nothing else. Import the module you need (`from cases.selectors import meetings`)."""
