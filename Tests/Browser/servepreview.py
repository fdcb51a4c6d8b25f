"""Runs `booklet serve` on a scratch copy of a corpus, for the live-preview checks and
the benchmark: builds the binary if needed, starts the server on a free port, and stops
it with Ctrl-C (SIGINT)."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def booklet_binary(configuration="debug"):
    """The `booklet` executable (BOOKLET_BIN, or built with `swift build`)."""
    if os.environ.get("BOOKLET_BIN"):
        return os.environ["BOOKLET_BIN"]
    args = ["swift", "build", "--product", "booklet", "-c", configuration]
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(args[:2] + ["-c", configuration, "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return str(Path(path) / "booklet")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """A scratch corpus (content/ and templates/ copied from `content`, `templates`) and
    a `booklet serve` on it."""

    def __init__(self, content, templates=ROOT / "templates", binary=None, extra=()):
        self.folder = Path(tempfile.mkdtemp(prefix="booklet-serve-"))
        self.content = self.folder / "content"
        self.templates = self.folder / "templates"
        shutil.copytree(content, self.content)
        shutil.copytree(templates, self.templates)
        self.port = free_port()
        self.log = open(self.folder / "serve.log", "w+")
        self.errors = open(self.folder / "serve.err", "w+")
        self.process = subprocess.Popen(
            # Relative folders, as an editor types them: messages read content/<file>.
            [binary or booklet_binary(), "serve", "--content", "content",
             "--templates", "templates", "--port", str(self.port), *extra],
            cwd=self.folder, stdout=self.log, stderr=self.errors, stdin=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.time() + 120
        while "Serving the booklet at" not in self.output():
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"booklet serve did not start:\n{self.output()}\n{self.error_output()}")
            time.sleep(0.05)

    def output(self):
        if not self.log.closed:
            self.log.flush()
        return (self.folder / "serve.log").read_text(encoding="utf-8")

    def error_output(self):
        if not self.errors.closed:
            self.errors.flush()
        return (self.folder / "serve.err").read_text(encoding="utf-8")

    def status(self):
        with urllib.request.urlopen(self.url + "__booklet/status", timeout=10) as response:
            import json
            return json.load(response)

    def write(self, relative, text):
        """Saves a content file in place, as an editor does."""
        (self.content / relative).write_text(text, encoding="utf-8")

    def read(self, relative):
        return (self.content / relative).read_text(encoding="utf-8")

    def stop(self):
        """Ctrl-C; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        self.errors.close()
        return self.process.returncode

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)
