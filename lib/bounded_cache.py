"""A bounded least-recently-used store of results by key, shared by the server's script threads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class BoundedCache:
    """A bounded LRU of results by key, safe across the server's script threads.

    Not st.cache_data: that hashes the whole key with Streamlit's own hasher on every call (~0.1 ms
    each, ten calls a page, measured with cProfile), which a tuple of names does not need, and a
    busy server pays it on every run of every reader. Results are kept as they are, not pickled:
    unpickling frames' Arrow columns was a third of a warm run with 50 readers at once (py-spy);
    callers that hand them to readers hand out copies (lib.page: ``_fresh``, copy-on-write frames).
    """

    def __init__(self, max_entries: int) -> None:
        self.MAX_ENTRIES = max_entries
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        # Computed outside the lock: two readers asking for the same new view at once both
        # compute it, rather than every reader of the server waiting for one.
        value = compute()
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.MAX_ENTRIES:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
