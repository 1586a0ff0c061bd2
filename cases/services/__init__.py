"""Writes of the cases app, one module per sub-domain: lists, core (cases, enrolments, family), meetings,
actions, groups and merge. Import the module you need (`from cases.services import meetings`)."""
