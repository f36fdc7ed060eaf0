"""Where the work runs: a Dask cluster of this machine's cores, or an existing one.

Dask is imported here only, and only when a command needs a cluster, so that
`factcheck check` starts as fast as before.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck import FactcheckError, UsageError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")


@contextmanager
def dask_client(cluster: Client | str | None, workers: int | None = None) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if isinstance(cluster, Client):
        yield cluster
        return
    if cluster:
        try:
            client = Client(cluster, timeout="15s")
        except (OSError, TimeoutError) as error:
            raise UsageError(
                f"cannot reach the Dask scheduler ({error}) — check the address "
                "(tcp://HOST:PORT) and that `dask scheduler` runs there",
                path=cluster,
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        yield client


def ship(client: Client, data: Any) -> Any:
    """Send `data` to every worker once; tasks given the returned future find it
    there instead of receiving it with each task."""
    # in a list: scatter would spread a dict's values as separate pieces
    return client.scatter([data], broadcast=True, hash=False)[0]


def run_tasks(
    client: Client,
    function: Callable[..., T],
    items: Sequence[Any],
    *arguments: Any,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[T]:
    """`function(item, *arguments)` for every item on the cluster; results in the
    order of the items, `on_progress(done, total)` as they come. An error a task
    raises is raised here, as itself."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    futures = [client.submit(function, item, *arguments, pure=False) for item in items]
    position = {future.key: i for i, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    try:
        for done, future in enumerate(as_completed(futures), start=1):
            results[position[future.key]] = future.result()
            if on_progress:
                on_progress(done, len(futures))
    except KilledWorker as error:
        raise FactcheckError(
            f"a Dask worker died while running {error.task} — it may have run out of "
            "memory; give the workers more, or smaller sources"
        ) from None
    finally:
        for future in futures:
            future.cancel()
    return results
