"""CPython's forkserver, adapted for chart workers (for briefing.workers).

- **Workers do not re-import `__main__`.** multiprocessing re-runs the main script in every
  worker it starts with forkserver or spawn; a script that calls briefing without an
  `if __name__ == "__main__":` guard would then run again in each chart worker. Chart
  workers need nothing from `__main__`, so it is left out of what they are told to prepare.
  `_launch` is CPython 3.11's, less those two keys; importing this module fails (and plain
  forkserver is used) when those internals are not there.
- **The server can be a fork of the build** (`start_forked`) instead of a new interpreter:
  its preload then starts ~0.1 s sooner (no interpreter start-up, no `briefing` and
  `multiprocessing` imported again) and costs ~0.2 s less CPU, time the first charts of a
  cold build wait for.
"""

from __future__ import annotations

import gc
import io
import os
import socket
import sys
import threading
from multiprocessing import (
    connection,
    context,
    forkserver,
    popen_forkserver,
    reduction,
    resource_tracker,
    spawn,
    util,
)
from typing import Any, NoReturn

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


_SERVER_ARGUMENTS = ("listener_fd", "alive_r", "preload", "main_path", "sys_path")
"""`forkserver.main`'s parameters in the CPython versions whose server `start_forked` sets up
as `ForkServer.ensure_running` does (3.11 to 3.13; 3.14 adds an authentication key)."""


def can_fork() -> bool:
    """Return whether this process may be forked to make the server: on Linux, with no other
    thread (a fork copies only the calling thread, and another's locks with it), and with the
    forkserver internals `start_forked` knows."""
    code = forkserver.main.__code__
    arguments = code.co_varnames[:code.co_argcount]
    if sys.platform != "linux" or arguments != _SERVER_ARGUMENTS or code.co_kwonlyargcount:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def start_forked(preload: list[str], environ: dict[str, str]) -> None:
    """Start the forkserver as a fork of this process, with environ added to the server's
    environment; as `forkserver.ensure_running` does, except for the fork. Check `can_fork`
    first. Raises OSError when the server's socket or process cannot be made."""
    server = forkserver._forkserver  # noqa: SLF001
    with server._lock:  # noqa: SLF001
        if server._forkserver_pid is not None:  # noqa: SLF001
            return
        resource_tracker.ensure_running()
        with socket.socket(socket.AF_UNIX) as listener:
            address = connection.arbitrary_address("AF_UNIX")
            listener.bind(address)
            alive: tuple[int, ...] = ()
            try:
                os.chmod(address, 0o600)
                listener.listen()
                alive = alive_r, alive_w = os.pipe()
                sys.stdout.flush()  # else every worker writes what was buffered again
                sys.stderr.flush()
                pid = os.fork()
            except OSError:
                for fd in alive:
                    os.close(fd)
                os.unlink(address)
                raise
            if pid == 0:
                _serve(listener.fileno(), alive_r, alive_w, preload, environ)
            os.close(alive_r)
        server._forkserver_address = address  # noqa: SLF001
        server._forkserver_alive_fd = alive_w  # noqa: SLF001
        server._forkserver_pid = pid  # noqa: SLF001


def _serve(listener: int, alive_r: int, alive_w: int, preload: list[str],
           environ: dict[str, str]) -> NoReturn:
    """Run the forkserver in the forked process; never return to the build's code."""
    code = 1
    try:
        forkserver._forkserver._lock = threading.Lock()  # noqa: SLF001 - held by the build
        os.close(alive_w)  # the build's end: the server stops when the build's copy closes
        gc.freeze()  # the build's heap is never walked here, nor its pages copied for that
        gc.enable()  # (the CLI turned it off); workers collect what each chart leaves
        os.environ.update(environ)
        forkserver.main(listener, alive_r, preload)
    except SystemExit:  # the build has gone: its end of the alive pipe closed
        code = 0
    except BaseException:  # as a spawned server would, it says why it stopped
        sys.excepthook(*sys.exc_info())
        sys.stderr.flush()
    finally:
        os._exit(code)
