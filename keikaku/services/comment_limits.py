"""How often one address may send an opinion: a sliding window per address, in memory only.

An address is never kept as written: it is hashed with a salt drawn when the limiter is made
(HMAC-SHA-256), so the memory of the running site holds no address either, and a restart forgets
everything. At most ``max_addresses`` addresses are remembered (the least recently seen go first),
so a flood of addresses cannot make the table grow without bound. Settings:
``KEIKAKU_COMMENT_LIMIT`` opinions per ``KEIKAKU_COMMENT_WINDOW_SECONDS``.

Only opinions stored count: the form asks ``would_allow`` before the opinion is checked (nothing
is counted), and calls ``record`` once it is stored, so a refused sending (empty, too long, the
honeypot filled) never uses up the address's limit. Each process keeps its own memory: with
``keikaku serve --workers N`` an address may send up to N times the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 600
DEFAULT_MAX_ADDRESSES = 10_000


class RateLimiter:
    """``would_allow(address)``: whether one more opinion from ``address`` fits in the window;
    ``record(address)``: count one; ``allow(address)``: both at once."""

    def __init__(self, *, limit: int = DEFAULT_LIMIT, window_seconds: float = DEFAULT_WINDOW_SECONDS,
                 max_addresses: int = DEFAULT_MAX_ADDRESSES, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window_seconds <= 0 or max_addresses < 1:
            raise ValueError("limit, window and max_addresses must be positive")
        self.limit = limit
        self.window = window_seconds
        self.max_addresses = max_addresses
        self._clock = clock
        self._salt = secrets.token_bytes(32)
        self._seen: OrderedDict[bytes, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, address: str) -> bytes:
        return hmac.new(self._salt, address.encode("utf-8", "replace"), hashlib.sha256).digest()

    def _check(self, address: str | None, *, count: bool, force: bool = False) -> bool:
        now = self._clock()
        key = self._key(address or "unknown")
        with self._lock:
            times = self._seen.pop(key, None) or deque()
            while times and now - times[0] >= self.window:
                times.popleft()
            allowed = len(times) < self.limit
            if count and (allowed or force):
                times.append(now)
            if times:  # an address with nothing in the window is not remembered
                self._seen[key] = times
            while len(self._seen) > self.max_addresses:
                self._seen.popitem(last=False)
            return allowed

    def allow(self, address: str | None) -> bool:
        """Whether one more fits, counting it when it does."""
        return self._check(address, count=True)

    def would_allow(self, address: str | None) -> bool:
        """Whether one more fits; nothing is counted."""
        return self._check(address, count=False)

    def record(self, address: str | None) -> None:
        """Count one opinion of ``address`` (stored after ``would_allow`` said yes)."""
        self._check(address, count=True, force=True)

    def retry_after(self, address: str | None) -> int:
        """Seconds until ``address`` may send again (0: now)."""
        now = self._clock()
        with self._lock:
            times = self._seen.get(self._key(address or "unknown"))
            if not times or len(times) < self.limit:
                return 0
            return max(1, int(self.window - (now - times[0]) + 0.999))

    def __len__(self) -> int:
        return len(self._seen)

    def holds(self, address: str) -> bool:
        """Whether ``address`` is remembered (its hash; for tests of the bound)."""
        return self._key(address) in self._seen
