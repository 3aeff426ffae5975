"""Many bundles: a local pool of scanners, a Dask cluster, and archive audits."""
