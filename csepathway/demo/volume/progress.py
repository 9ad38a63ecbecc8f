"""A progress line per stage on stderr, so stdout stays the summary. No dependency: a bar is a few lines."""

import sys
import time


class Progress:
    def __init__(self, label: str, total: int | None = None, *, stream=None, enabled: bool = True):
        """Without a total (rows streamed from a plan nobody counted first) it shows the count and rate."""
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.started = time.perf_counter()
        self._last_drawn = 0.0

    def update(self, done: int) -> None:
        self.done = done
        now = time.perf_counter()
        # Redrawn at most ten times a second: at millions of rows the drawing would cost more than the work.
        if self.enabled and now - self._last_drawn > 0.1:
            self._last_drawn = now
            self._draw(now)

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def _draw(self, now: float, end: str = "") -> None:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0
        if self.total:
            filled = int(min(self.done / self.total, 1.0) * 30)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done:>11,}/{self.total:,}"
        else:
            bar = f"{self.done:>11,} rows"
        self.stream.write(f"\r{self.label:<24} {bar} {elapsed:6.1f}s {rate:9,.0f}/s{end}")
        self.stream.flush()

    def finish(self) -> float:
        elapsed = time.perf_counter() - self.started
        if self.enabled:
            self._draw(time.perf_counter(), end="\n")
        return elapsed
