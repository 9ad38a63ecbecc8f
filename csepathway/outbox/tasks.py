from django.tasks import task


@task()
def relay_outbox():
    """Deliver whatever the outbox holds that is due."""
    from .relay import outbox_relay_due

    return outbox_relay_due()
