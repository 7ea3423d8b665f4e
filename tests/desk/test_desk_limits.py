"""Limits before work, tried against the real server (waitress on 127.0.0.1, port 0, with its
timeouts set small): slow headers and drips are cut, a body announced too large is refused
before it is sent, and the desk keeps answering others meanwhile."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from pipeline.desk.settings import DeskSettings
from tests.helpers.desk import signed_in

# channel_timeout is long: a connection that is cut early is cut by the header deadline
SMALL = DeskSettings(header_timeout=1, channel_timeout=30, connection_limit=50, threads=2,
                     max_form_bytes=64 * 1024, max_upload_bytes=4 * 1024 * 1024)  # fmt: skip


@pytest.fixture
def served(demo, tmp_path):
    from pipeline.desk.app import create_app
    from pipeline.desk.server import make_server

    app = create_app(demo[0], demo[1], reports_dir=tmp_path / "reports", settings=SMALL)
    server = make_server(app, SMALL, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield app, server.effective_port
    stop(server, thread)


def stop(server, thread) -> None:
    """End waitress's loop (it runs while its map has channels), then close the sockets."""
    channels = list(server._map.values())
    server._map.clear()
    thread.join(timeout=10)
    for c in channels:
        c.close()
    server.task_dispatcher.shutdown()


def connect(port: int, timeout: float = 5) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return s


def answer(s: socket.socket) -> bytes:
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data:
                break
    except TimeoutError:
        pass
    return data


def healthz(port: int) -> float:
    t0 = time.monotonic()
    s = connect(port)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: desk\r\nConnection: close\r\n\r\n")
    assert answer(s).startswith(b"HTTP/1.1 200")
    s.close()
    return time.monotonic() - t0


def closed_within(s: socket.socket, seconds: float) -> bool:
    s.settimeout(seconds)
    try:
        return s.recv(1024) == b"" or True  # an answer then close, or a close
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_slow_headers_from_many_connections_leave_the_desk_answering(served):
    _, port = served
    slow = []
    for _ in range(60):  # more than connection_limit: without the header deadline they stay
        s = connect(port)
        s.sendall(b"GET / HTTP/1.1\r\nHost: desk\r\n")
        slow.append(s)
    time.sleep(0.2)
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:
        try:
            if healthz(port) < 3:
                break
        except (TimeoutError, ConnectionError, AssertionError):
            time.sleep(0.2)
    else:
        pytest.fail("the desk stopped answering")
    assert all(closed_within(s, 4) for s in slow[:5])
    for s in slow:
        s.close()


def test_a_drip_of_header_bytes_is_cut_at_the_header_deadline(served):
    _, port = served
    s = connect(port)
    t0 = time.monotonic()
    s.sendall(b"GET / HTTP/1.1\r\n")
    try:
        for _ in range(40):  # one byte every 0.1 s: never idle, never finished
            s.sendall(b"X")
            time.sleep(0.1)
            if time.monotonic() - t0 > 4:
                break
        cut = False
    except (BrokenPipeError, ConnectionResetError):
        cut = True
    cut = cut or closed_within(s, 1)
    assert cut and time.monotonic() - t0 < 4.5
    s.close()


def test_a_huge_body_is_refused_before_it_is_sent(served):
    _, port = served
    for path in ("/login", "/facebook", "/plan/mark"):
        s = connect(port, timeout=3)
        s.sendall(f"POST {path} HTTP/1.1\r\nHost: desk\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  f"Content-Length: {900 * 1024 * 1024}\r\n\r\n".encode())  # fmt: skip
        assert answer(s).startswith(b"HTTP/1.1 413"), path
        s.close()


def test_only_a_signed_in_upload_may_be_large(served):
    app, port = served
    cookie = signed_in(app, "bientap").get_cookie("cdht_session").value
    head = ("POST /facebook HTTP/1.1\r\nHost: desk\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {1024 * 1024}\r\n")  # fmt: skip
    s = connect(port, timeout=3)
    s.sendall((head + "\r\n").encode())
    assert answer(s).startswith(b"HTTP/1.1 413")  # no session: the form limit
    s.close()
    s = connect(port, timeout=0.8)
    s.sendall((head + f"Cookie: cdht_session={cookie}\r\n\r\n").encode())
    assert answer(s) == b""  # signed in: the server waits for the body
    s.close()
    s = connect(port, timeout=3)
    s.sendall((head + "Cookie: cdht_session=forged.cookie.value\r\n\r\n").encode())
    assert answer(s).startswith(b"HTTP/1.1 413")
    s.close()


def test_the_application_checks_the_length_too(app):
    client = app.test_client()
    resp = client.post("/login", data=b"x" * (2 * 1024 * 1024), content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 413
    assert "lớn hơn giới hạn" in resp.get_data(as_text=True)
