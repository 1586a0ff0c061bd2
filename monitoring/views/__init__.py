"""Monitoring pages for the projectleider (and, read-only, the procesregisseur), one module per page
group. Thin: parse, check the role permission (accounts.access.role_required), call a service or
selector, render. Each form posts to a view of its own; a refusal re-renders the page with the bound
form and status 400 (core.forms.attempt), a success redirects back to the page."""
