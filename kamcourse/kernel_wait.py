"""Waiting for a Jupyter kernel's messages in short slices (分段等待内核消息).

A Jupyter client waiting for a kernel message sometimes misses the wake-up of
a message that has already arrived and reads it only when its whole wait
times out: measured in this kit's test runs, a widget cell of a lesson or a
workshop page stalled for the full cell timeout (30-60 s) while the kernel was
idle, a projector showing a blank page for half a minute. Polling with a
timeout instead of blocking is the workaround known for such lost wake-ups
(jupyter/jupyter_client issue 436). Waiting in slices of :data:`SLICE` seconds reads
such a message at most half a second late, and the caller's timeout still
applies to the whole wait.

Used by the workshop's Voilà server (:mod:`kamcourse.workshop.server`), the
course website's notebook execution (``website/execute.py``) and the tests
that execute notebooks.
"""

from __future__ import annotations

import inspect
import time
from queue import Empty
from typing import Any

__all__ = ["SLICE", "read_in_slices", "read_kernel_client_in_slices"]

#: Seconds: the longest a message that has arrived waits to be read.
SLICE = 0.5


def read_in_slices(channel: Any) -> None:
    """Make an async kernel channel's ``get_msg`` wait in slices of :data:`SLICE` seconds (分段等待).

    The overall timeout the caller gives ``get_msg`` is kept: ``queue.Empty``
    is raised once it has passed, as before. A wait without a timeout waits
    in slices for ever, as before.

    Parameters
    ----------
    channel : object
        A channel of an async ``jupyter_client`` kernel client (``shell_channel``,
        ``iopub_channel``, ``control_channel``): anything whose ``get_msg(timeout=...)``
        is a coroutine function that raises ``queue.Empty`` when nothing arrived in time.

    Returns
    -------
    None
        ``channel.get_msg`` is replaced on the instance.

    Raises
    ------
    TypeError
        If ``channel`` has no ``get_msg`` coroutine function.

    References
    ----------
    .. [1] jupyter/jupyter_client issue 436, "hang when calling get_shell_msg() before execute(..)",
       https://github.com/jupyter/jupyter_client/issues/436 (a blocking wait that misses a message;
       the workaround: wait with a timeout).

    Examples
    --------
    A channel whose message arrives while the first slice is waiting, but is
    seen only by the next poll:

    >>> def run(coroutine):  # these coroutines never wait: drive one to its end by hand
    ...     try:
    ...         coroutine.send(None)
    ...     except StopIteration as done:
    ...         return done.value
    >>> class Channel:
    ...     polls = 0
    ...     async def get_msg(self, timeout=None):
    ...         self.polls += 1
    ...         if self.polls == 1:
    ...             raise Empty
    ...         return {"msg_type": "execute_reply"}
    >>> channel = Channel()
    >>> read_in_slices(channel)
    >>> run(channel.get_msg(timeout=60))
    {'msg_type': 'execute_reply'}
    >>> channel.polls
    2
    >>> read_in_slices(object())
    Traceback (most recent call last):
    ...
    TypeError: channel must have a get_msg coroutine function, got object
    """
    get_msg = getattr(channel, "get_msg", None)
    if not inspect.iscoroutinefunction(get_msg):
        raise TypeError(f"channel must have a get_msg coroutine function, got {type(channel).__name__}")

    async def get_msg_in_slices(timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = SLICE if deadline is None else max(0.0, min(SLICE, deadline - time.monotonic()))
            try:
                return await get_msg(timeout=step)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    channel.get_msg = get_msg_in_slices


def read_kernel_client_in_slices(client: Any) -> Any:
    """Make the shell, iopub and control channels of a kernel client wait in slices (see :func:`read_in_slices`).

    Parameters
    ----------
    client : jupyter_client.asynchronous.AsyncKernelClient
        A started async kernel client.

    Returns
    -------
    client
        The same client.

    Raises
    ------
    TypeError
        If a channel has no ``get_msg`` coroutine function.

    References
    ----------
    .. [1] jupyter/jupyter_client issue 436, https://github.com/jupyter/jupyter_client/issues/436.

    Examples
    --------
    >>> class Channel:
    ...     async def get_msg(self, timeout=None):
    ...         return {}
    >>> class Client:
    ...     shell_channel, iopub_channel, control_channel = Channel(), Channel(), Channel()
    >>> client = read_kernel_client_in_slices(Client())
    >>> client.iopub_channel.get_msg.__name__
    'get_msg_in_slices'
    """
    for channel in (client.shell_channel, client.iopub_channel, client.control_channel):
        read_in_slices(channel)
    return client
