"""Writes for monitoring, one module per subject: `periods` (the workflow), `measurements`, `targets`,
`pdca`, `risks`, `budget`, `context`, `reports` and `seed`. Every write takes the actor and is audited.
"""
