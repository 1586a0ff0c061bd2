from celery import shared_task


@shared_task(name="youths.tasks.flags_evaluate_all")
def flags_evaluate_all() -> int:
    """Nightly (pgaanpak/schedule.py) and after a rule changed. Idempotent: a flag is never raised twice."""
    from .services.flags import flags_evaluate_all as evaluate

    return evaluate()


@shared_task(name="youths.tasks.involvements_inactive_close")
def involvements_inactive_close() -> dict[str, int]:
    """Nightly (pgaanpak/schedule.py): tell organisations whose involvement is about to close for lack of
    activity, and close those told long enough ago. Idempotent: nobody is told or closed twice."""
    from .services.lifecycle import involvements_inactive_process

    run = involvements_inactive_process()
    return {"notified": run.notified, "closed": run.closed}
