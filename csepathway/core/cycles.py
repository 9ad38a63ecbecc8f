"""Background work that keeps its own cycle on the task worker: after each run a task queues its next
run (meetings/actions/tasks.py started the pattern). A `manage.py … --schedule` command, run by
bin/serve, starts a cycle once; nothing is queued when a run is already waiting, so restarts do not
multiply it. Only a backend that can run tasks later (django-tasks-db) keeps a cycle; elsewhere the
matching `manage.py` command runs from cron instead."""

import datetime as dt
import logging

from django.tasks import TaskResultStatus

logger = logging.getLogger(__name__)


def can_defer(task) -> bool:
    return bool(task.get_backend().supports_defer)


def waiting(task) -> bool:
    """Whether a run of `task` is already queued (django-tasks-db only: other backends cannot be asked)."""
    backend = task.get_backend()
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, backend_name=backend.alias,
                                       task_path=task.module_path).exists()


def schedule(task, when: dt.datetime) -> dt.datetime | None:
    """Queue `task` to run at `when` unless a run is waiting; the time queued, or None if nothing was."""
    try:
        if not can_defer(task) or waiting(task):
            return None
        task.using(run_after=when).enqueue()
        return when
    except Exception as error:  # noqa: BLE001 - logged loudly: without it the cycle stops
        logger.error("could not schedule %s: %s", task.module_path, type(error).__name__)
        return None
