"""PostgreSQL as the test suite uses it: Django's own backend, except that its flush may empty the
append-only tables.

Between transactional tests (live-server browser tests, pytest-django's transactional_db) Django
flushes the database with one TRUNCATE of every table, and the append-only tables' TRUNCATE
trigger refuses it unless the session says it means it and owns the table (core/append_only.py).
Only config/settings/test.py uses this backend, so production has no code path that says so."""

from django.db import transaction
from django.db.backends.postgresql import base, operations

from csepathway.core.append_only import ALLOW_TRUNCATE


class DatabaseOperations(operations.DatabaseOperations):
    def execute_sql_flush(self, sql_list):
        # SET LOCAL ends with the flush's transaction: nothing after the flush may truncate.
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL {ALLOW_TRUNCATE} = 'on'")
            super().execute_sql_flush(sql_list)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
