"""Headless Chromium driven through the DevTools protocol over a pipe, without a driver.

The browser check sends many small commands per page (emulate a screen, measure, press a
key). Through Selenium each is an HTTP request to ChromeDriver, forwarded over a WebSocket;
here each is one JSON message on a pipe (``--remote-debugging-pipe``). Standard library only.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Self

from checks.browser.chrome import CHROMIUM, FLAGS
from checks.core import InputError

Message = dict[str, Any]


class ProtocolError(Exception):
    """The browser answered a command with an error, or went away."""


class Chromium:
    """One headless Chromium process and the pipe to it; :meth:`page` opens a tab."""

    def __init__(self, flags: tuple[str, ...] = ()) -> None:
        if shutil.which(CHROMIUM) is None:
            raise InputError(f"Chromium not found at {CHROMIUM}: "
                             "run 'apt-get install -y chromium'")
        self.profile = tempfile.mkdtemp(prefix="guide-cdp-")
        to_chrome_r, self._out = os.pipe()
        self._in, from_chrome_w = os.pipe()
        argv = [CHROMIUM, *FLAGS, *flags, "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}", "about:blank"]
        try:
            # posix_spawn places the pipe ends on fds 3 and 4 without a preexec hook, which is
            # not safe while other threads start browsers of their own.
            null = os.open(os.devnull, os.O_RDWR)
            self.pid = os.posix_spawn(CHROMIUM, argv, dict(os.environ), file_actions=[
                (os.POSIX_SPAWN_DUP2, to_chrome_r, 3), (os.POSIX_SPAWN_DUP2, from_chrome_w, 4),
                (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
            os.close(null)
        finally:
            os.close(to_chrome_r)
            os.close(from_chrome_w)
        self._lock = threading.Lock()
        self._next = 0
        self._waiting: dict[int, Future[Message]] = {}
        self._listeners: dict[str, list[Callable[[Message], None]]] = {}
        self._closed = False
        self._context: str | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.version = self.send("Browser.getVersion", timeout=30)
        except ProtocolError as exc:
            self.close()
            raise InputError(f"Chromium did not start: {exc}") from None

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._dispatch(json.loads(raw))
        self._closed = True
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            future.set_exception(ProtocolError("the browser closed the connection"))

    def _dispatch(self, message: Message) -> None:
        if "id" in message:
            with self._lock:
                future = self._waiting.pop(message["id"], None)
            if future is None:
                return
            if "error" in message:
                future.set_exception(ProtocolError(str(message["error"].get("message"))))
            else:
                future.set_result(message.get("result", {}))
            return
        key = f"{message.get('sessionId', '')}:{message.get('method', '')}"
        for listener in list(self._listeners.get(key, ())):
            listener(message.get("params", {}))

    def post(self, method: str, params: Message | None = None,
             session: str = "") -> Future[Message]:
        """Send a command without waiting: its answer arrives in the returned future."""
        future: Future[Message] = Future()
        with self._lock:
            if self._closed:
                raise ProtocolError("the browser has closed")
            self._next += 1
            self._waiting[self._next] = future
            message: Message = {"id": self._next, "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(self._out, json.dumps(message).encode() + b"\0")
        return future

    def send(self, method: str, params: Message | None = None, session: str = "",
             timeout: float = 60) -> Message:
        """Send a command and wait for its answer."""
        try:
            return self.post(method, params, session).result(timeout)
        except TimeoutError:
            raise ProtocolError(f"{method} did not answer within {timeout} s") from None

    def listen(self, session: str, method: str, callback: Callable[[Message], None]) -> None:
        """Call ``callback`` with the parameters of every such event of the session."""
        self._listeners.setdefault(f"{session}:{method}", []).append(callback)

    def page(self) -> Page:
        """A new tab, attached and ready, in the browser's one private (incognito) context:
        nothing it visits goes to the profile's history."""
        with self._lock:
            context = self._context
        if context is None:
            context = self.send("Target.createBrowserContext")["browserContextId"]
            with self._lock:
                self._context = context
        # Each tab in a window of its own: a background tab gets animation frames rarely.
        target = self.send("Target.createTarget", {"url": "about:blank", "newWindow": True,
                                                   "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        return Page(self, target, session["sessionId"])

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        if not self._closed:
            try:
                self.post("Browser.close")
            except (ProtocolError, OSError):
                pass
        try:
            os.close(self._out)
        except OSError:
            pass
        if not _reaped(self.pid, 10):
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
        self._reader.join(timeout=5)
        try:
            os.close(self._in)
        except OSError:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reaped(pid: int, seconds: float) -> bool:
    """Whether the process ended (and was reaped) within the time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done == pid:
            return True
        time.sleep(0.02)
    return False


class Page:
    """One tab: navigation, evaluation, emulation and input, each a protocol command."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session
        self.requests: list[str] = []
        self.responses: dict[str, Message] = {}
        #: What the tab's user keeps about it (its emulation, what it has learnt).
        self.state: dict[str, Any] = {}
        #: The loaders (one per document) whose main frame has fired its load event.
        self._loads: list[str] = []
        self._changed = threading.Condition()
        browser.listen(session, "Page.lifecycleEvent", self._lifecycle)
        browser.listen(session, "Network.requestWillBeSent",
                       lambda p: self.requests.append(p["request"]["url"]))
        browser.listen(session, "Network.responseReceived", self._response)
        for method in ("Page.enable", "Network.enable"):
            self.send(method)
        self.send("Page.setLifecycleEventsEnabled", {"enabled": True})

    def _lifecycle(self, params: Message) -> None:
        if params.get("name") == "load" and params.get("frameId") == self.target:
            with self._changed:
                self._loads.append(str(params.get("loaderId")))
                self._changed.notify_all()

    def _response(self, params: Message) -> None:
        if params.get("type") == "Document":
            headers = params["response"].get("headers", {}).items()
            self.responses[params["response"]["url"]] = {k.lower(): v for k, v in headers}

    def send(self, method: str, params: Message | None = None, timeout: float = 60) -> Message:
        """A command to this tab."""
        return self.browser.send(method, params, self.session, timeout)

    def post(self, method: str, params: Message | None = None) -> Future[Message]:
        """A command to this tab, without waiting for its answer."""
        return self.browser.post(method, params, self.session)

    def navigate(self, url: str, timeout: float = 30) -> None:
        """Open a URL and wait for its own load event (deferred scripts have run by then),
        not a late one of the page before."""
        answer = self.send("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise ProtocolError(f"{url}: {answer['errorText']}")
        loader = answer.get("loaderId")
        with self._changed:
            if not self._changed.wait_for(lambda: loader is None or loader in self._loads,
                                          timeout):
                raise ProtocolError(f"{url} did not load within {timeout} s")

    def expect_load(self) -> Callable[[float], bool]:
        """Call before whatever starts a navigation; the returned function waits (up to its
        argument in seconds) for a document loaded after this call."""
        with self._changed:
            seen = len(self._loads)

        def wait(timeout: float) -> bool:
            with self._changed:
                return self._changed.wait_for(lambda: len(self._loads) > seen, timeout)

        return wait

    def evaluate(self, expression: str, *, await_promise: bool = False,
                 timeout: float = 60) -> Any:
        """Run JavaScript in the page and return its value (as JSON data)."""
        answer = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": await_promise,
            "userGesture": True}, timeout)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ProtocolError(f"script failed: {text}")
        return answer.get("result", {}).get("value")

    def call(self, function: str, *args: Any, await_promise: bool = False) -> Any:
        """Call a JavaScript function source with JSON arguments, passed as real arguments."""
        return self.evaluate(f"({function})(...{json.dumps(list(args))})",
                             await_promise=await_promise)

    def url(self) -> str:
        """The address of the page the tab shows (asked of the browser, which knows it even
        while the page itself is being replaced)."""
        info = self.browser.send("Target.getTargetInfo", {"targetId": self.target})
        return str(info["targetInfo"]["url"])

    def history(self) -> tuple[list[str], int]:
        """Every entry of the tab's session history, and the index of the current one."""
        history = self.send("Page.getNavigationHistory")
        return [str(e["url"]) for e in history["entries"]], int(history["currentIndex"])

    def key(self, key: str, code: str, keycode: int, modifiers: int = 0,
            up: bool = True) -> None:
        """Press (and release) one key, as the keyboard would."""
        base = {"key": key, "code": code, "windowsVirtualKeyCode": keycode,
                "nativeVirtualKeyCode": keycode, "modifiers": modifiers}
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **base})
        if up:
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def click(self, x: float, y: float, modifiers: int = 0) -> None:
        """A left mouse click at a point of the viewport."""
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                                   "button": "left", "clickCount": 1,
                                                   "modifiers": modifiers})
