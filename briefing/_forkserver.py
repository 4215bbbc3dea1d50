"""Forkserver workers that do not re-import the `__main__` module (for briefing.workers).

multiprocessing re-runs the main script in every worker it starts with forkserver or spawn;
a script that calls briefing without an `if __name__ == "__main__":` guard would then run
again in each chart worker. Chart workers need nothing from `__main__`, so it is left out of
what they are told to prepare. `_launch` is CPython 3.11's, less those two keys; importing
this module fails (and plain forkserver is used) when those internals are not there.
"""

from __future__ import annotations

import io
import os
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from typing import Any

_connect = forkserver.connect_to_new_process  # AttributeError here: fall back
_read = forkserver.read_signed


class WorkerPopen(popen_forkserver.Popen):
    """Starts a process through the forkserver without asking it to import `__main__`."""

    def _launch(self, process_obj: Any) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_name", None)
        prep_data.pop("init_main_from_path", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = _connect(self._fds)
        parent_w = os.dup(w)  # the child's sentinel of this process, as in 3.11
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = _read(self.sentinel)


class WorkerProcess(context.ForkServerProcess):
    """A forkserver process started by WorkerPopen."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:  # noqa: N802 - multiprocessing's name
        return WorkerPopen(process_obj)


class WorkerContext(context.ForkServerContext):
    """The forkserver context, with WorkerProcess."""

    Process = WorkerProcess
