"""schemathesis hooks for scripts/fuzz (loaded by scripts/lib/schemathesis.toml).

An Idempotency-Key names one request: a second, different request with the same key is
refused (422 idempotency_key_reused), as it should be. The fuzzer draws keys from a small
space ("0", "A", …) and so reuses them across different requests, which is its own
mistake, not the server's. A key that is valid (1 to 255 printable ASCII characters
without spaces) is therefore replaced by a fresh UUID for every request; an invalid key
is sent as drawn, so the server's refusal of malformed keys is still fuzzed.
"""
import re
import uuid

import schemathesis

VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key" and isinstance(headers[name], str) and VALID_KEY.match(headers[name]):
            headers[name] = str(uuid.uuid4())
