"""Writes for monitoring, one module per subject: `periods` (the workflow), `measurements`, `targets`,
`pdca`, `risks`, `budget`, `context`, `reports` and `seed`. Every write takes the actor and is audited.
"""

# tracks/management/commands/load_plan.py still imports the seed from here; the lead points it at
# monitoring.services.seed at merge time and then removes this line.
from .seed import indicators_seed_load as indicators_seed_load
