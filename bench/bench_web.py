"""Web front figures: request to painted reply, and memory per live session, 200 sessions.

`consent-assistant web` runs in its own process on a free loopback port, and 200 simulated
browsers (asyncio + httpx2, one cookie jar each) talk to it:

1. All 200 walk the consent at once up to the review step (13 answers each: post, redirect,
   page): the server's throughput when saturated, then its resident memory per live session
   (RSS with the 200 sessions at review, less RSS after a warm-up run, divided by 200).
2. With those 200 sessions live, questions arrive at a clinic-like 20 a second for 10 s,
   each from one of the sessions: the time from sending an answer to having the whole reply
   page (p50/p99).
3. In Debian's Chromium (when installed), still with the 200 sessions live: the time from
   tapping a button to the frame in which the reply is drawn (p50/p99 over 40 taps).

Loopback only; every loop is bounded in count and time. Prints figures, asserts nothing.
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from pathlib import Path

import httpx2 as httpx

SESSIONS = 200
ANSWERS = [
    ("choose", "start"), ("choose", "continue"), ("choose", "ready"),
    ("choose", "yes_agree"), ("choose", "yes_summary"), ("choose", "no_supervision"),
    ("choose", "no"), ("choose", "yes"), ("say", "it is deleted right away"),
    ("say", "Alex Rivera"), ("choose", "skip"), ("say", "who can see my notes?"),
]  # fmt: skip
HIDDEN = re.compile(r'name="(csrf|turn)" value="([^"]*)"')
TIME_LIMIT = 240.0
RATE = 20
PACED_SECONDS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "assistant", "web", "--port", str(port)]
    command += ["--data-dir", str(data_dir)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return proc, url
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("the web server did not start") from None
            time.sleep(0.1)


class Browser:
    """One simulated browser: a cookie jar and the hidden fields of the last page."""

    def __init__(self, url: str, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.client = httpx.AsyncClient(base_url=url, timeout=120, transport=transport)
        self.page = ""

    async def open(self) -> None:
        self.page = (await self.client.get("/")).text

    async def answer(self, kind: str, value: str) -> float:
        """Send one answer and read the reply page; returns the milliseconds it took."""
        fields = dict(HIDDEN.findall(self.page))
        fields["choice" if kind == "choose" else "text"] = value
        start = time.perf_counter()
        try:
            response = await self.client.post(f"/{kind}", data=fields, follow_redirects=True)
        except httpx.TransportError:
            # The server closed an idle keep-alive connection as the post went out; a browser
            # sends again on a new one (the form's turn makes a repeat harmless).
            response = await self.client.post(f"/{kind}", data=fields, follow_redirects=True)
        took = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        self.page = response.text
        return took

    async def walk(self) -> None:
        await self.open()
        for kind, value in ANSWERS:
            await self.answer(kind, value)
        assert "The form you are about to sign" in self.page, re.findall(
            r"<p[^>]*>([^<]{0,90})", self.page
        )[-6:]  # the walk no longer fits the flow: the last things said


async def load(url: str, pid: int) -> dict[str, float]:
    warm = Browser(url)
    await warm.walk()  # imports, templates, the matcher, the form: all warm
    await warm.client.aclose()
    await asyncio.sleep(0.5)
    baseline = rss_kib(pid)
    browsers = [Browser(url) for _ in range(SESSIONS)]
    start = time.perf_counter()
    await asyncio.gather(*(b.walk() for b in browsers))
    walked = time.perf_counter() - start
    figures = {
        "throughput": SESSIONS * len(ANSWERS) / walked,
        "memory_kib": (rss_kib(pid) - baseline) / SESSIONS,
    }
    # Paced questions from the live sessions, 20 a second for 10 seconds.
    rng = random.Random(14)
    samples: list[float] = []
    tasks = []
    for i in range(RATE * PACED_SECONDS):
        browser = rng.choice(browsers)
        delay = i / RATE
        tasks.append(asyncio.create_task(_later(delay, browser, samples)))
    await asyncio.gather(*tasks)
    figures["p50"] = statistics.median(samples)
    figures["p99"] = percentile(samples, 0.99)
    figures["answers"] = len(samples)
    # The sessions stay live on the server (until their idle time runs out) for the paint run.
    await asyncio.gather(*(b.client.aclose() for b in browsers))
    return figures


async def _later(delay: float, browser: Browser, samples: list[float]) -> None:
    await asyncio.sleep(delay)
    samples.append(await browser.answer("say", "who can see my notes?"))


def heap_per_session(data_dir: Path, sessions: int = 50) -> float:
    """KiB of Python heap each session at the review step holds (tracemalloc, in-process)."""
    from assistant.clock import SystemClock
    from assistant.config import load_config
    from assistant.records.keeper import DurableRecords
    from assistant.web.app import make_web

    config, clock = load_config(), SystemClock()
    records = DurableRecords(config, data_dir, clock, deliver_inline=False)
    app = make_web(config, clock=clock, records=records, data_dir=data_dir)
    transport = httpx.ASGITransport(app=app)

    async def walk(n: int) -> None:
        for _ in range(n):
            browser = Browser("http://kiosk.test", transport)
            await browser.walk()
            await browser.client.aclose()

    asyncio.run(walk(2))  # warm
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    asyncio.run(walk(sessions))
    gc.collect()
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    records.close()
    return size / sessions / 1024


def paint_times(url: str, taps: int = 40) -> list[float] | None:
    """Tap to painted reply in Chromium, or None without a Chromium binary."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))
    from live import CHROMIUM_ARGS, PHONE, chromium_path

    path = chromium_path()
    if path is None:
        return None
    from playwright.sync_api import sync_playwright

    # The page marks when the tapped form is sent and when the reply's frame is drawn.
    probe = """
      window.__taps = [];
      document.addEventListener('submit', () => { window.__sent = performance.now(); }, true);
      document.addEventListener('consent:swapped', () => requestAnimationFrame(() =>
        setTimeout(() => window.__taps.push(performance.now() - window.__sent), 0)));
    """
    out: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
        context.add_init_script(probe)
        page = context.new_page()
        page.goto(url + "/")
        # Ask about the same concern again and again: each tap is one full reply.
        page.click('button[value="start"]')
        page.click('button[value="continue"]')
        page.click('button[value="question"]')  # the risks card's "I have a question"
        for _ in range(taps):
            count = len(page.evaluate("window.__taps"))
            page.click('button[value="privacy"]')
            deadline = time.monotonic() + 10
            while len(page.evaluate("window.__taps")) <= count and time.monotonic() < deadline:
                time.sleep(0.005)
        out = list(page.evaluate("window.__taps"))[3:]
        browser.close()
    return out


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp) / "data")
        try:
            figures = asyncio.run(asyncio.wait_for(load(url, proc.pid), TIME_LIMIT))
            print(f"web, {SESSIONS} concurrent sessions (server in its own process, loopback):")
            print(
                f"  all {SESSIONS} walking to review at once: {figures['throughput']:.0f}"
                " answers/s (each a post, a redirect and the reply page)"
            )
            heap = heap_per_session(Path(tmp) / "heap")
            print(
                f"  memory per live session: {heap:.1f} KiB of Python heap (tracemalloc,"
                f" 50 sessions in-process); server RSS delta {figures['memory_kib']:.0f} KiB"
            )
            print(
                f"  answer to reply page at {RATE} answers/s: p50 {figures['p50']:.1f} ms,"
                f" p99 {figures['p99']:.1f} ms ({figures['answers']:.0f} answers)"
            )
            paints = paint_times(url)
            if paints is None:
                print("  tap to painted reply: skipped (no Chromium binary)")
            else:
                print(
                    f"  tap to painted reply in Chromium ({len(paints)} taps):"
                    f" p50 {statistics.median(paints):.1f} ms,"
                    f" p99 {percentile(paints, 0.99):.1f} ms"
                )
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
