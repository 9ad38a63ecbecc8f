"""Region-scale synthetic data for measuring the service (issue 11): `manage.py generate_volume_data`.

The region is planned in memory first (plan.py: authorities, people, children and the story of each
episode), from one seeded random generator per stage, so the same seed gives the same data. Each stage
then streams its rows, parents before children, straight into the tables (writer.py): no services, no
per-row audit events. The audit trail's history is streamed last (audit_rows.py) through
audit.bulk.append_historical, which chains it."""
