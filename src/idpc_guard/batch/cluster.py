"""Scan many bundles on a Dask cluster, for archive audits.

Each Dask worker process builds one :class:`Scanner` the first time it scans and
keeps it. Bundles and output folders must be on a file system the workers share.
``address="local"`` starts a local cluster of ``jobs`` single-threaded worker
processes for the duration of the run.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from pathlib import Path

from idpc_guard.batch.pool import BatchItem, BatchSettings, check_distinct_outputs, scan_one
from idpc_guard.errors import ProcessingError
from idpc_guard.scanner import Scanner

LOCAL = "local"


class ClusterError(ProcessingError):
    """The Dask cluster cannot be reached or started."""


def scan_on_dask(
    bundles: Sequence[Path], settings: BatchSettings, address: str
) -> Iterator[BatchItem]:
    """Scan bundles on a Dask cluster, yielding each result as it completes."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise ClusterError("Dask is not installed: pip install 'dask[distributed]'") from exc
    check_distinct_outputs(bundles, settings.out_dir)
    # A bad rules folder or a missing model is one clear error here, not one per bundle.
    Scanner(model=settings.model, local_rules=settings.local_rules, ocr=settings.ocr)
    cluster = None
    try:
        if address == LOCAL:
            cluster = LocalCluster(
                n_workers=max(1, settings.jobs),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout="15s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        futures = client.map(_scan_task, list(bundles), settings=settings, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@functools.cache
def _worker_scanner(settings: BatchSettings) -> Scanner:
    # One Scanner per worker process (and per configuration), built on first use; the
    # cluster's workers already use the cores, so each detects in its own process only.
    return Scanner(
        model=settings.model, local_rules=settings.local_rules, ocr=settings.ocr, workers=1
    )


def _scan_task(bundle: Path, settings: BatchSettings) -> BatchItem:
    return scan_one(_worker_scanner(settings), bundle, settings)
