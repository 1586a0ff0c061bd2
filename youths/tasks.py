from celery import shared_task


@shared_task(name="youths.tasks.flags_evaluate_all")
def flags_evaluate_all() -> int:
    """Nightly (pgaanpak/schedule.py) and after a rule changed. Idempotent: a flag is never raised twice."""
    from .services.flags import flags_evaluate_all as evaluate

    return evaluate()
