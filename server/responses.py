"""What the edge's middleware read of a response as it passes them: its status."""

from __future__ import annotations

from starlette.types import Message, Send


class ResponseStatus:
    """Wraps `send`: `status` is the response's once it starts, 500 until then (a request that
    ends without answering has failed)."""

    def __init__(self, send: Send) -> None:
        self.status = 500
        self._send = send

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        await self._send(message)

    @property
    def outcome(self) -> str:
        """`ok`, or the status as a code where no error code was told (`HTTP_404`)."""
        return "ok" if self.status < 400 else f"HTTP_{self.status}"
