"""On PostgreSQL the audit trail becomes a table partitioned by month of occurred_at (docs/adr/0033):
a query for a period reads only its months, and each month's indexes stay the size of a month.

The partitioned table is made beside the old one, the rows are copied across (numbered into lane 0,
in sequence order, see 0008), and the old table is dropped. Its primary key becomes (sequence,
occurred_at), since every key of a partitioned table must include the partition key; Django still
treats `sequence` alone as the primary key, which the identity column keeps unique. The append-only
triggers are made again on the new table: the row trigger on the parent, which PostgreSQL clones
onto every partition, present and future; the TRUNCATE trigger on the parent and on each partition,
since TRUNCATE can name a partition directly. Partitions are made from the earliest stored event's
month to twelve months ahead, plus a DEFAULT partition (partitions.py keeps twelve months ahead).

SQLite has no partitions: nothing happens there. Not reversible: going back means restoring a dump."""

import datetime as dt

from django.db import migrations

TABLE = "audit_auditevent"


def _partitions_function(schema: str) -> str:
    # SECURITY DEFINER with a fixed search path and every name qualified: the runtime role may call it (it owns nothing and
    # cannot CREATE), and it can do one thing only, add the month partitions that are missing. The
    # lock_timeout keeps a long-running read from queueing every writer behind the CREATE.
    return f"""
CREATE OR REPLACE FUNCTION audit_event_partitions_ensure(first_month date, last_month date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
    month date := date_trunc('month', first_month)::date;
    made integer := 0;
    part text;
    lower_bound timestamptz;
    upper_bound timestamptz;
BEGIN
    IF last_month > first_month + 3700 THEN
        RAISE EXCEPTION 'audit partitions: at most ten years at a time';
    END IF;
    PERFORM pg_advisory_xact_lock(7212027);
    WHILE month <= last_month LOOP
        part := '{TABLE}_p' || to_char(month, 'YYYYMM');
        lower_bound := month::timestamp AT TIME ZONE 'UTC';
        upper_bound := (month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        IF to_regclass(quote_ident('{schema}') || '.' || quote_ident(part)) IS NULL AND NOT EXISTS (
                SELECT 1 FROM {schema}.{TABLE}_default WHERE occurred_at >= lower_bound AND occurred_at < upper_bound) THEN
            EXECUTE format('CREATE TABLE {schema}.%I PARTITION OF {schema}.{TABLE} FOR VALUES FROM (%L) TO (%L)',
                           part, lower_bound, upper_bound);
            EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {schema}.%I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION {schema}.audit_event_refuse_truncate()', part);
            made := made + 1;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
    RETURN made;
END;
$$;
"""  # noqa: S608 - names fixed in this migration, never user input


def partition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        # What the old table has that the new one must have again, under the same names.
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype = 'f'", [TABLE])
        foreign_keys = cursor.fetchall()
        cursor.execute("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                       "WHERE indrelid = %s::regclass AND NOT indisprimary AND NOT indisunique", [TABLE])
        # Django's extra varchar_pattern_ops index serves LIKE, which nothing asks of object_id.
        indexes = [(name, sql) for name, sql in cursor.fetchall() if not name.endswith("_like")]
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'sequence')", [TABLE])
        (old_sequence,) = cursor.fetchone()
        earliest = f"SELECT date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC')::date, max(sequence) FROM {TABLE}"  # noqa: S608
        cursor.execute(earliest)
        earliest, last_sequence = cursor.fetchone()  # the earliest stored event's month

        # The old table and its names move aside.
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_old")
        cursor.execute(f"ALTER SEQUENCE {old_sequence} RENAME TO {TABLE}_old_sequence_seq")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {TABLE}_old DROP CONSTRAINT {name}")
        cursor.execute(f"ALTER TABLE {TABLE}_old RENAME CONSTRAINT {TABLE}_pkey TO {TABLE}_old_pkey")

        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {TABLE}_old INCLUDING DEFAULTS INCLUDING IDENTITY "
                       f"INCLUDING CONSTRAINTS) PARTITION BY RANGE (occurred_at)")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (sequence, occurred_at)")
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(_partitions_function(schema))
        cursor.execute("SELECT audit_event_partitions_ensure(%s, (date_trunc('month', now() AT TIME ZONE 'UTC') "
                       "+ interval '12 months')::date)", [earliest or dt.date.today()])
        columns = [c.column for c in apps.get_model("audit", "AuditEvent")._meta.local_concrete_fields
                   if c.column != "position"]
        listed = ", ".join(columns)
        cursor.execute(f"INSERT INTO {TABLE} ({listed}, position) SELECT {listed}, "  # noqa: S608 - fixed names
                       f"row_number() OVER (ORDER BY sequence) FROM {TABLE}_old")
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'sequence'), %s, %s)",
                       [TABLE, last_sequence or 1, last_sequence is not None])

        for _, sql in indexes:
            cursor.execute(sql.replace(f" ON {schema}.{TABLE}_old ", f" ON {schema}.{TABLE} ")
                           .replace(f" ON {TABLE}_old ", f" ON {TABLE} "))
        for name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")
        cursor.execute(f"""
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_truncate();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}_default
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_truncate();
""")
        cursor.execute(f"DROP TABLE {TABLE}_old")


class Migration(migrations.Migration):
    atomic = True

    dependencies = [("audit", "0008_lanes")]

    operations = [migrations.RunPython(partition, elidable=False)]
