"""A least-recently-used cache bounded by the bytes its values take, not by their count.

The caches whose entries may be large are these: the site's rendered pages, the plans the site
has read and assessed, and the importer's memos of header words and header rows. A value larger
than the whole bound is not kept at all; adding one evicts the least recently used values until
the total fits.
The importer's memos of what one cell parses to (short keys, small frozen values, asked for
tens of thousands of times a document) are ``text_memo``: a ``functools.lru_cache`` of so many
entries that keeps only calls on short text, which bounds its bytes as surely and costs less.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import Any, Generic, TypeVar

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])


def size_of_text(value: Any) -> int:
    """The memory of a string (or bytes) as Python holds it; tuples with what they hold; others by their shallow size."""
    if isinstance(value, tuple):
        return sys.getsizeof(value) + sum(size_of_text(v) for v in value)
    return sys.getsizeof(value)


def size_of_entry(key: Any, value: Any) -> int:
    """The bytes of a cached string (or tuple of strings) with its key."""
    return size_of_text(key) + size_of_text(value)


class ByteLru(Generic[K, V]):
    """A thread-safe LRU mapping whose entries weigh at most ``max_bytes`` in total.

    ``weigh(key, value)`` gives the bytes of one entry; by default the memory of its strings.
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, weigh: Callable[[K, V], int] = size_of_entry):
        self.max_bytes = max_bytes
        self._weigh = weigh
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: K) -> V | None:
        """The value of ``key`` (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: K, value: V) -> bool:
        """Keep ``value`` under ``key``, evicting the least recently used; False when it alone is over the bound."""
        size = self._weigh(key, value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_bytes:
                return False
            while self._items and self._bytes + size > self.max_bytes:
                _, (_, freed) = self._items.popitem(last=False)
                self._bytes -= freed
            self._items[key] = (value, size)
            self._bytes += size
            return True

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def memo(max_bytes: int, weigh: Callable[[tuple, Any], int] = size_of_entry) -> Callable[[F], F]:
    """A function's results kept in a ByteLru by its (hashable) arguments, whose bytes count too.

    For functions of text read from documents, where an unbounded ``functools.cache`` would grow
    with every document a long-running process reads.
    """

    def wrap(func: F) -> F:
        cache: ByteLru[tuple, tuple[Any]] = ByteLru(max_bytes, weigh=lambda key, boxed: weigh(key[1:], boxed[0]))  # key: (context, *args)

        @wraps(func)
        def memoized(*args: Any) -> Any:
            key = (reading_context.get(), *args)
            found = cache.get(key)
            if found is not None:
                return found[0]
            value = func(*args)
            cache.put(key, (value,))
            return value

        memoized.cache = cache  # type: ignore[attr-defined]
        return memoized  # type: ignore[return-value]

    return wrap


# What the document being read implies beyond its cells' text (the era its bare years count in,
# see ``importer/impliedera.py``): memoised answers depend on it, so it is part of every key.
reading_context: ContextVar[Hashable] = ContextVar("reading_context", default=None)


def text_memo(entries: int, longest: int, at: int = 0, *, context: bool = True) -> Callable[[F], F]:
    """A function of text memoised for calls whose text (positional argument ``at``) is at most
    ``longest`` characters; longer text is worked out each time and never kept.

    The memo holds at most ``entries`` calls, so at most ``entries × longest`` characters of keys:
    bounded in bytes as a ``memo`` is, for functions called so often (every cell a reader looks
    at) that weighing each answer would cost more than the answer. What the function returns
    must be small beside its text and must not change (frozen, tuples, strings): it is shared.
    A function whose answer cannot depend on the reading context (``context=False``: it reads no
    year, so no implied era) is keyed by its arguments alone, which is cheaper to look up.
    """

    def wrap(func: F) -> F:
        if context:
            cached = lru_cache(maxsize=entries)(lambda context, *args, **kwargs: func(*args, **kwargs))
            get = reading_context.get

            @wraps(func)
            def memoized(*args: Any, **kwargs: Any) -> Any:
                try:
                    if len(args[at]) > longest:
                        return func(*args, **kwargs)
                except (IndexError, TypeError):  # the text given by keyword, or None
                    pass
                return cached(get(), *args, **kwargs) if kwargs else cached(get(), *args)
        else:
            cached = lru_cache(maxsize=entries)(func)

            @wraps(func)
            def memoized(*args: Any, **kwargs: Any) -> Any:
                try:
                    if len(args[at]) > longest:
                        return func(*args, **kwargs)
                except (IndexError, TypeError):
                    pass
                return cached(*args, **kwargs) if kwargs else cached(*args)

        memoized.cache_info = cached.cache_info  # type: ignore[attr-defined]
        memoized.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return memoized  # type: ignore[return-value]

    return wrap
