"""Reading back the mail Django's file backend wrote (EMAIL_FILE_PATH): one file per connection, its
messages divided by a line of 79 dashes."""

from __future__ import annotations

import email
from email.message import Message
from pathlib import Path


class Outbox:
    """The mail Django's file backend wrote: one file per connection, messages divided by a line of
    dashes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def messages(self) -> list[Message]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.iterdir()):
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    found.append(email.message_from_string(chunk.lstrip("\n")))
        return found

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages() if address in m["To"]]

    def addressed(self) -> list[str]:
        return sorted(m["To"] for m in self.messages())


def body(message: Message, subtype: str = "plain") -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part")
