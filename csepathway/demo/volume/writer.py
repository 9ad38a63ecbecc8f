"""Rows straight into tables, a batch per transaction: COPY on PostgreSQL (psycopg 3), bulk_create
elsewhere. Stages write parents before children, so every batch can commit on its own and nothing
piles up in one huge transaction.

Rows are dicts keyed by field attname. A field left out takes its default, or the row's created_at for
timestamps the model would stamp itself: history needs its own dates, not the moment of loading."""

import contextlib
import itertools
import json
from collections.abc import Callable, Iterable

from django.db import connection, models, transaction


@contextlib.contextmanager
def own_timestamps(*model_classes):
    """Stop auto_now and auto_now_add overwriting the dates the rows carry (bulk_create calls pre_save)."""
    saved = []
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _columns(model, sample: dict) -> list[models.Field]:
    """The fields a row sets, plus every non-generated field it leaves to its default."""
    return [field for field in model._meta.concrete_fields
            if field.attname in sample or not isinstance(field, models.AutoField)]


def _filler(field: models.Field, row: dict):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return row.get("created_at")
    if field.has_default():
        return field.get_default()
    return None if field.null else ""


class Writer:
    def __init__(self, *, batch_size: int):
        self.batch_size = batch_size
        self.copy = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}

    def write(self, model, rows: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
        written = 0
        rows = iter(rows)
        while batch := list(itertools.islice(rows, self.batch_size)):
            with transaction.atomic():
                (self._copy if self.copy else self._bulk_create)(model, batch)
            written += len(batch)
            if progress is not None:
                progress(len(batch))
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + written
        return written

    def _bulk_create(self, model, batch: list[dict]) -> None:
        with own_timestamps(model):
            model.objects.bulk_create([model(**row) for row in batch])

    def _copy(self, model, batch: list[dict]) -> None:
        fields = _columns(model, batch[0])
        names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        json_fields = {field.attname for field in fields if isinstance(field, models.JSONField)}
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in batch:
                values = []
                for field in fields:
                    value = row[field.attname] if field.attname in row else _filler(field, row)
                    if field.attname in json_fields:
                        value = json.dumps(value)
                    values.append(value)
                copy.write_row(values)
