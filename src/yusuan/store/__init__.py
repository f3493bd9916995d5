"""Store and compare many disclosures in DuckDB (``docs/store.md``).

- :class:`~yusuan.store.write.Store`: open or create a store; one document per
  transaction; load a stored model back unchanged;
- :func:`~yusuan.store.ingest.ingest`: parse and check many files in worker
  processes; :func:`~yusuan.store.distributed.ingest_distributed` on a Dask cluster;
- :func:`~yusuan.store.query.run_query`, :func:`~yusuan.store.query.export`;
- :func:`~yusuan.store.diff.diff` (two years, or 预算 against 决算) and
  :func:`~yusuan.store.consolidate.consolidate` (部门 = Σ 单位);
- :func:`~yusuan.store.compare.compare`: departments ranked on a metric.
"""

from __future__ import annotations

from yusuan.store.compare import compare
from yusuan.store.diff import Threshold, diff
from yusuan.store.ingest import IngestSummary, ingest
from yusuan.store.write import Store

__all__ = ["IngestSummary", "Store", "Threshold", "compare", "diff", "ingest"]
