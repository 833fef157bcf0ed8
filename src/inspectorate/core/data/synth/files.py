"""A synthetic table's file, CSV or Parquet, written a month at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.csv as pcsv  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

from inspectorate.core.data import schema
from inspectorate.core.data.synth.columns import arrow_schema


class TableWriter:
    """One table's file, written a month at a time."""

    def __init__(self, path: Path, table: schema.Table) -> None:
        self.path = path
        self.rows = 0
        self._schema = arrow_schema(table)
        self._file: BinaryIO | None = None
        if path.suffix == ".csv":
            self._file = path.open("wb")
            # Arrow quotes header names; the canonical header is written plain instead.
            self._file.write((",".join(table.header) + "\n").encode("utf-8"))
            options = pcsv.WriteOptions(include_header=False, quoting_style="none", batch_size=65536)
            self._writer: Any = pcsv.CSVWriter(self._file, self._schema, write_options=options)
        else:
            # Parquet has no second-resolution timestamps; microseconds read back as plain TIMESTAMP.
            self._schema = pa.schema(
                [
                    pa.field(f.name, pa.timestamp("us") if pa.types.is_timestamp(f.type) else f.type)
                    for f in self._schema
                ]
            )
            self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")

    def write(self, table: Any) -> None:
        if table.num_rows:
            self._writer.write_table(table.cast(self._schema))
            self.rows += table.num_rows

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self._writer.close()
        if self._file is not None:
            self._file.close()
