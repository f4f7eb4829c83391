"""The files behind the download buttons: made when the button is sent, kept for the next reader.

Not made on click (a callable as ``st.download_button``'s data, as this app did until now):
Streamlit 1.67 stores the file a click makes without tying it to the reader's session, and the
sweep that ends every script run of every session deletes such a file on its second pass. With
other readers on the server, that can happen before the browser fetches the file: a 404 and no
download (2 of 8 chart downloads lost with four other sessions running; one lost in a CI run).
A file sent with its button belongs to the reader's session until that session's next run.

Made when sent, a chart's SVG and PNG cost their rendering the first time its sources open (the
page builds that expander only while it is open), a table's CSV once per view; kept here by key,
later readers and reruns get them for nothing. Files are bytes or str, which nobody can change.
"""

from __future__ import annotations

from collections.abc import Callable

from lib.bounded_cache import BoundedCache

# Bounded by count: the largest file is a chart's PNG at twice the size (~0.1–0.2 MB), so a
# server keeps at most a few tens of MB of them however many charts its readers open.
_files = BoundedCache(200)


def kept_file(key: tuple, make: Callable[[], bytes | str]) -> bytes | str:
    """The file ``make`` makes, made once per ``key`` (which must name everything it depends on)."""
    return _files.get(key, make)
