#!/usr/bin/env python3
"""An SMTP sink for the e-mail tests: accepts every message on 127.0.0.1 and writes it,
exactly as received, to DIRECTORY/NNNN.eml, and beside it DIRECTORY/NNNN.json: the
envelope recipients, the decoded headers and every leaf part (content type, file name,
content in base64) as Python's own e-mail parser reads them, an independent check of
Sheaf's MIME writer. Files are written under a temporary name, then renamed, so a reader
never sees half a message. Prints the port it listens on, then serves until killed.

    smtp_sink.py DIRECTORY

Uses aiosmtpd (Debian python3-aiosmtpd, or PyPI aiosmtpd).
"""
import asyncio
import base64
import email
import email.policy
import itertools
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        temporary = os.path.join(self.directory, f".{number:04d}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(b"X-Sink-Rcpt: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            handle.write(envelope.original_content or envelope.content)
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True) or b""
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "filename": part.get_filename(),
                "data_base64": base64.b64encode(payload).decode(),
            })
        summary = {
            "rcpt": envelope.rcpt_tos,
            "mail_from": envelope.mail_from,
            "headers": {key: str(value) for key, value in message.items()},
            "content_type": message.get_content_type(),
            "defects": [str(defect) for defect in message.defects],
            "parts": parts,
        }
        json_temporary = os.path.join(self.directory, f".{number:04d}.json.tmp")
        with open(json_temporary, "w") as handle:
            json.dump(summary, handle)
        os.rename(temporary, os.path.join(self.directory, f"{number:04d}.eml"))
        os.rename(json_temporary, os.path.join(self.directory, f"{number:04d}.json"))
        return "250 OK"


def main():
    directory = sys.argv[1]
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    with open(os.path.join(directory, "port"), "w") as handle:
        handle.write(str(port))
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
