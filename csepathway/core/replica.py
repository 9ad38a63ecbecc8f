"""Reports read from a PostgreSQL read replica when one is configured (DATABASE_REPLICA_URL), so
long reads do not load the primary that every page writes its audit event to.

Only views marked @reads_from_replica read there, and only outside a transaction: anything that
reads in order to write (the audit chain's head, a row locked for update) runs inside
transaction.atomic and so stays on the primary. A replica lags the primary by a moment, which is
why operational pages (the workspace, a child's record) never use it."""

import contextvars
from functools import wraps

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reporting = contextvars.ContextVar("reads_from_replica", default=False)


def reads_from_replica(view):
    """Mark a reporting view. Outside its request nothing changes."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = _reporting.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _reporting.reset(token)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (_reporting.get() and settings.DATABASE_REPLICA_READS and REPLICA in connections.settings
                and not connections["default"].in_atomic_block):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # Rows read from the replica are the primary's rows: they may be related to each other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
