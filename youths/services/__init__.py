"""Writes for youths, signals, involvement, matches, flags and the managed lists, one module per
subject. Import from the module (`youths.services.signals import signal_log`).

Every function is atomic, keyword-only and audited (django-auditlog with the acting user). The caller
obtains the youth, signal or match it passes in through the access gateway (youths.selectors); these
functions enforce the domain rules, not who may see what.
"""
