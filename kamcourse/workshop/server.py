"""The Voilà server of workshop mode: ``python -m kamcourse.workshop.server NOTEBOOK_OR_FOLDER [voila options]``.

Voilà (0.5) runs each visitor's page in its own kernel and already limits the
browser's kernel channel to widget messages (``comm_*``, ``kernel_info_request``,
``shutdown_request``): a visitor can move sliders but cannot run code. For a
room, ``kamcourse workshop --room IP --participants N`` sets two environment
variables read here:

- ``KAMCOURSE_WORKSHOP_TOKENS``: a CSV of participant tokens
  (:func:`kamcourse.workshop.write_tokens`); each token logs in one participant;
- ``KAMCOURSE_WORKSHOP_TRAINER_TOKEN``: the trainer's own token (kept off the
  command line, which other users of the machine can read).
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from jupyter_server.auth.identity import PasswordIdentityProvider, User

__all__ = ["RoomIdentityProvider", "participant_tokens"]


def participant_tokens(path: str | os.PathLike | None = None) -> dict[str, str]:
    """Read the participant tokens file: ``{token: "participant-<n>"}``.

    Parameters
    ----------
    path : path-like, optional
        The CSV written by :func:`kamcourse.workshop.write_tokens` (default:
        ``$KAMCOURSE_WORKSHOP_TOKENS``; none set gives no tokens).

    Returns
    -------
    dict

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamcourse.workshop import write_tokens
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> first = write_tokens(file, 2)[0]
    >>> participant_tokens(file)[first]
    'participant-1'
    """
    path = path or os.environ.get("KAMCOURSE_WORKSHOP_TOKENS")
    if not path:
        return {}
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return {row["token"]: f"participant-{row['participant']}" for row in csv.DictReader(fh)}


class RoomIdentityProvider(PasswordIdentityProvider):
    """Jupyter Server identity provider: the trainer's token, or one token per participant (一人一令牌).

    A request whose ``?token=`` (or ``Authorization: token ...``) is a
    participant's token is that participant; the login cookie then keeps them
    logged in. Anything else goes through Jupyter Server's usual token check
    (the trainer's token). Tokens are read once, when the server starts.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._participants = participant_tokens()

    async def get_user_token(self, handler) -> User | None:
        given = self.get_token(handler)
        name = self._participants.get(given) if given else None
        if name is not None:
            return User(username=name, name=name, display_name=name)
        return await super().get_user_token(handler)


def _read_kernels_in_slices() -> None:
    """Voilà's executor reads its kernels' messages in slices (:mod:`kamcourse.kernel_wait`).

    A missed wake-up otherwise held a page with widgets blank until the cell's whole timeout
    (``--VoilaExecutor.timeout``, 30 s) had passed. Voilà 0.5 names its executor class in
    ``voila.notebook_renderer`` and has no setting for it, hence the subclass put there.
    """
    import voila.notebook_renderer as renderer
    from voila.execute import VoilaExecutor

    from ..kernel_wait import read_kernel_client_in_slices

    class SlicedWaitExecutor(VoilaExecutor):
        async def async_start_new_kernel_client(self):
            return read_kernel_client_in_slices(await super().async_start_new_kernel_client())

    renderer.VoilaExecutor = SlicedWaitExecutor


def _main(argv: Sequence[str] | None = None) -> int:
    """Start Voilà with the workshop's identity provider (room mode) or none (loopback)."""
    from traitlets.config import Config
    from voila.app import Voila

    _read_kernels_in_slices()

    config = Config()
    trainer = os.environ.get("KAMCOURSE_WORKSHOP_TRAINER_TOKEN")
    if trainer:
        config.Voila.token = trainer
        config.Voila.identity_provider_class = RoomIdentityProvider
    Voila.launch_instance(argv=list(sys.argv[1:] if argv is None else argv), config=config)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
