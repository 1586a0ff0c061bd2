"""Fictional demo data for `make run` (`manage.py load_demo`). Nothing else imports this app."""
