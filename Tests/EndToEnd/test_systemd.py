"""The units in Systemd/, checked as far as a machine without systemd as PID 1 allows: `systemd-analyze`
verifies them and rates their sandbox; the sockets, names, notifications and the Traefik bridge they
describe run under `systemd-socket-activate`; and the parts of the sandbox the sidecar could trip over
(ProcSubset=pid, ProtectProc=invisible, MemoryDenyWriteExecute=yes, SystemCallFilter=) are emulated or
measured with the kernel's own tools."""
import ctypes
import html
import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse

import pytest

from harness import (BINARY, ROOT, SECRET, TENANTS, claims_for, free_port, make_token, read_response,
                     tcp_answers, unix_answers, wait_until)

UNITS = ROOT / "Systemd"
INSTALLED_BINARY = "/usr/local/bin/interceptor"
INSTALLED_SOCKET = "/run/interceptor/interceptor.sock"
PROXYD = "/lib/systemd/systemd-socket-proxyd"

# Measured with `systemd-analyze security --offline=yes` (systemd 252); on its 0–100 scale.
# interceptor.service: 1.2. What is left: AF_INET/AF_INET6 and the host network (providers may
# fetch()), no IP allow list (the providers' hosts are the operator's choice), @resources
# (JavaScriptCore's threads call sched_setscheduler()), the char-rtc read access that
# ProtectClock=yes itself grants, and the host's root directory.
# interceptor-bridge.service: 0.6 (no PrivateUsers=, because it needs the www-data group).
EXPOSURE_THRESHOLDS = {"interceptor.service": 12, "interceptor-bridge.service": 6}


def unit_lines(name, section):
    """The `Key=value` lines of one section of a unit in Systemd/, comments and blank lines as None."""
    lines, current = [], None
    for line in (UNITS / name).read_text().splitlines():
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section:
            lines.append(None if not line.strip() or line.startswith("#") else line)
    return lines


def directive(name, section, key):
    values = [line.split("=", 1)[1] for line in unit_lines(name, section) if line and line.split("=", 1)[0] == key]
    assert values, f"{name} has no {key}="
    return values


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    """Systemd/ copied to a temp dir, ExecStart= pointing at the built binary: verify insists that
    executables exist."""
    directory = tmp_path_factory.mktemp("units")
    for unit in UNITS.iterdir():
        if unit.suffix in (".socket", ".service"):
            (directory / unit.name).write_text(unit.read_text().replace(INSTALLED_BINARY, str(BINARY)))
    return directory


def test_every_unit_verifies_without_a_warning(units):
    names = sorted(p.name for p in units.iterdir())
    assert {"interceptor.socket", "interceptor-metrics.socket", "interceptor.service",
            "interceptor-bridge.socket", "interceptor-bridge.service"} <= set(names)
    # Paths, not names: a bare name is looked up in the system's unit directories, and a unit
    # that is not found there passes silently.
    result = subprocess.run(["systemd-analyze", "verify", *(f"./{name}" for name in names)], cwd=units,
                            capture_output=True, text=True, timeout=60)
    # verify exits 0 on unknown keys and bad values too; it only warns.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize("service", sorted(EXPOSURE_THRESHOLDS))
def test_sandbox_exposure_stays_at_its_measured_score(units, service):
    threshold = EXPOSURE_THRESHOLDS[service]
    result = subprocess.run(["systemd-analyze", "security", "--offline=yes", f"--threshold={threshold}",
                             f"./{service}"], cwd=units, capture_output=True, text=True, timeout=60)
    score = re.search(rf"Overall exposure level for {re.escape(service)}: (\d+\.\d)", result.stdout)
    assert score, result.stdout + result.stderr
    assert result.returncode == 0, f"exposure {score.group(1)} is above {threshold / 10}:\n{result.stdout}"


def test_sockets_carry_the_names_the_sidecar_serves_by():
    assert directive("interceptor.socket", "Socket", "ListenStream") == [INSTALLED_SOCKET]
    assert directive("interceptor.socket", "Socket", "FileDescriptorName") == ["auth"]
    assert directive("interceptor.socket", "Socket", "SocketMode") == ["0660"]
    assert directive("interceptor-metrics.socket", "Socket", "FileDescriptorName") == ["metrics"]
    assert directive("interceptor-metrics.socket", "Socket", "Service") == ["interceptor.service"]
    assert directive("interceptor.service", "Service", "Sockets") == ["interceptor.socket interceptor-metrics.socket"]
    assert directive("interceptor.service", "Service", "Type") == ["notify"]
    assert directive("interceptor.service", "Service", "RestartPreventExitStatus") == ["78"]
    assert INSTALLED_SOCKET in directive("interceptor-bridge.service", "Service", "ExecStart")[0]


@pytest.mark.parametrize("service", ["interceptor.service", "interceptor-bridge.service"])
def test_hardening_block_is_alphabetised(service):
    """The last paragraph of [Service] is the hardening block (house style)."""
    paragraphs, current = [], []
    for line in (UNITS / service).read_text().split("[Service]", 1)[1].split("\n[", 1)[0].splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = []
        elif not line.startswith("#"):
            current.append(line.split("=", 1)[0])
    paragraphs.append(current)
    block = [p for p in paragraphs if p][-1]
    assert len(block) > 20 and block == sorted(block, key=str.lower)


# --- the sockets and notifications of the units, under systemd-socket-activate -----------------------

class NotifyListener:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, path):
        self.path = path
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(path))
        self.messages = []

    def wait_for(self, wanted, timeout=10):
        """Collects datagrams until one holds the line `wanted`; returns every line seen so far."""
        deadline = time.monotonic() + timeout
        while not any(wanted in m.split("\n") for m in self.messages):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {wanted} in {self.messages}"
            self.socket.settimeout(remaining)
            self.messages.append(self.socket.recv(4096).decode())
        return self.messages

    def collect(self, seconds):
        """Every line that arrives within `seconds`."""
        self.messages.clear()
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            self.socket.settimeout(remaining)
            try:
                self.messages.append(self.socket.recv(4096).decode())
            except TimeoutError:
                break
        return [line for m in self.messages for line in m.split("\n")]

    def close(self):
        self.socket.close()


def get_tcp(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict((k.lower(), v) for k, v in response.getheaders()), body


def ask_unix(path, raw):
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(10)
        s.connect(str(path))
        s.sendall(raw)
        return read_response(s)


def test_metrics_socket_watchdog_reload_and_stop_as_the_units_run_them(tmp_path):
    """interceptor.socket (Unix, `auth`) and interceptor-metrics.socket (loopback TCP, `metrics`),
    WatchdogSec=, ExecReload=kill -HUP and SIGTERM from systemd, with a stand-in NOTIFY_SOCKET."""
    auth = tmp_path / "interceptor.sock"
    metrics_port = free_port()
    notify = NotifyListener(tmp_path / "notify.sock")
    env = {**os.environ, "NOTIFY_SOCKET": str(notify.path), "JWT_SECRET": SECRET, "TENANTS_DIR": str(TENANTS),
           "WATCHDOG_USEC": "600000"}
    log = open(tmp_path / "sidecar.log", "wb")
    process = subprocess.Popen(["systemd-socket-activate", "-l", str(auth), "-l", f"127.0.0.1:{metrics_port}",
                                "--fdname=auth:metrics", "-E", "NOTIFY_SOCKET", "-E", "JWT_SECRET", "-E", "TENANTS_DIR",
                                "-E", "WATCHDOG_USEC", str(BINARY), "serve"],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: auth.exists() and tcp_answers(metrics_port), what="activation sockets")
        # The first connection starts the sidecar, as a scrape would under systemd.
        status, headers, body = get_tcp(metrics_port, "/metrics")
        assert status == 200 and headers["content-type"].startswith("text/plain; version=0.0.4")
        assert re.search(rb"^process_resident_memory_bytes \d+$", body, re.M), body[:500]
        assert b"interceptor_config_reload_total" in body
        messages = notify.wait_for("READY=1")
        assert any(line.startswith("STATUS=") for m in messages for line in m.split("\n")), messages
        assert get_tcp(metrics_port, "/health/ready")[0] == 200
        for path in ("/auth_request", "/interceptor", "/login", "/logout"):
            assert get_tcp(metrics_port, path, {"Host": "login.example.net"})[0] == 404, path
        # The auth socket serves everything, /metrics included.
        assert ask_unix(auth, b"GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n")[0] == 200

        # WATCHDOG=1 at half of WATCHDOG_USEC (0.3 s here): about five in 1.5 s.
        watchdog = notify.collect(1.5).count("WATCHDOG=1")
        assert 3 <= watchdog <= 8, notify.messages

        # ExecReload=/bin/kill -HUP $MAINPID: RELOADING=1 with MONOTONIC_USEC, then READY=1 again.
        notify.messages.clear()
        process.send_signal(signal.SIGHUP)
        notify.wait_for("RELOADING=1")
        reloading = next(m for m in notify.messages if "RELOADING=1" in m.split("\n"))
        assert re.search(r"^MONOTONIC_USEC=\d+$", reloading, re.M), reloading
        after = notify.messages.index(reloading)
        notify.messages = notify.messages[after + 1:]
        notify.wait_for("READY=1")

        # systemd's SIGTERM: STOPPING=1, exit 0 well within TimeoutStopSec=15s.
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
        notify.wait_for("STOPPING=1")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        notify.close()
        log.close()


def test_traefik_bridge_through_socket_proxyd(tmp_path, start_sidecar):
    """interceptor-bridge.service's own command under systemd-socket-activate, in front of a sidecar
    on a Unix socket: what Traefik's forwardAuth at http://127.0.0.1:9091/interceptor sees."""
    sidecar = start_sidecar()
    port = free_port()
    command = shlex.split(directive("interceptor-bridge.service", "Service", "ExecStart")[0])
    command = [str(sidecar.socket) if part == INSTALLED_SOCKET else part for part in command]
    assert command[0] == PROXYD
    log = open(tmp_path / "bridge.log", "wb")
    bridge = subprocess.Popen(["systemd-socket-activate", "-l", f"127.0.0.1:{port}", *command],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: tcp_answers(port), what="bridge port")
        status, _, body = get_tcp(port, "/health")
        assert (status, body) == (200, b"OK\n")
        status, _, body = get_tcp(port, "/metrics")
        assert status == 200 and b"interceptor_" in body
        # Traefik's forwardAuth request: no cookie sends the browser to the login page ...
        forwarded = {"X-Forwarded-Method": "GET", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "shop.example.net",
                     "X-Forwarded-Uri": "/orders?id=7", "X-Forwarded-For": "192.0.2.7"}
        status, headers, _ = get_tcp(port, "/interceptor", forwarded)
        assert status == 302
        assert headers["location"] == "https://login.example.net/login?" + urllib.parse.urlencode(
            {"for": "https://shop.example.net/orders?id=7", "mode": "interceptor"})
        # ... a valid cookie passes with the headers of authResponseHeaders (README).
        token = make_token(claims_for())
        status, headers, _ = get_tcp(port, "/interceptor", {**forwarded, "Cookie": f"uitsmijter-sso={token}"})
        assert (status, headers["authorization"], headers["remote-user"]) == (200, f"Bearer {token}", "alice@example.net")
    finally:
        bridge.terminate()
        bridge.wait(10)
        log.close()
    assert sidecar.stop() == 0


# --- the sandbox, emulated: what the sidecar touches must stay inside it ---------------------------

def login_metrics_and_reload(path, pid):
    """Loads JavaScriptCore (a login runs a provider), scrapes /metrics, reloads (a child
    `check-scripts` again); returns the process_* samples."""
    login = "/login?" + urllib.parse.urlencode({"for": "http://shop.example.net/", "mode": "interceptor"})
    status, _, page, _ = ask_unix(path, f"GET {login} HTTP/1.1\r\nHost: login.example.net\r\n\r\n".encode())
    assert status == 200
    fields = {n: html.unescape(v) for n, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"',
                                                          page.decode())}
    form = urllib.parse.urlencode({**fields, "username": "alice@example.net", "password": "wonderland"}).encode()
    status, headers, _, _ = ask_unix(path, b"POST /login HTTP/1.1\r\nHost: login.example.net\r\n"
                                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                                     b"Content-Length: %d\r\n\r\n" % len(form) + form)
    assert status == 303 and headers["set-cookie"][0].startswith("uitsmijter-sso=ey"), headers
    def scrape():
        text = ask_unix(path, b"GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n")[2].decode()
        reloads = re.search(r'^interceptor_config_reload_total\{result="success"\} (\d+)$', text, re.M)
        return int(reloads.group(1)), dict(re.findall(r"^(process_\w+) (\S+)$", text, re.M))
    before, _ = scrape()
    os.kill(pid, signal.SIGHUP)
    wait_until(lambda: scrape()[0] == before + 1, what="SIGHUP reload")
    return scrape()[1]


def start_wrapped(tmp_path, prefix, preexec_fn=None):
    sock = tmp_path / "interceptor.sock"
    log = open(tmp_path / "sidecar.log", "wb")
    env = {**os.environ, "JWT_SECRET": SECRET, "TENANTS_DIR": str(TENANTS), "SECURE": "false"}
    process = subprocess.Popen([*prefix, str(BINARY), "serve", "--listen", f"unix:{sock}"], env=env, stdout=log,
                               stderr=subprocess.STDOUT, preexec_fn=preexec_fn)
    wait_until(lambda: unix_answers(sock) or process.poll() is not None, timeout=30, what="sidecar socket")
    assert process.poll() is None, (tmp_path / "sidecar.log").read_text()
    return process, sock, log


PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1


def deny_write_execute():
    """MemoryDenyWriteExecute=yes as the kernel offers it since 6.3 (systemd 253+ uses it too):
    no mapping may become writable and executable, across execve."""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        os._exit(99)


def test_sidecar_works_with_proc_subset_pid_and_no_write_execute(tmp_path):
    """ProcSubset=pid + ProtectProc=invisible (a /proc with only the process directories) and
    MemoryDenyWriteExecute=yes: metrics from /proc/self, `check-scripts` through /proc/self/exe,
    and JavaScriptCore (in its interpreter) for a login."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no mount namespace here: {probe.stderr.decode().strip()}")
    mdwe = subprocess.run(["true"], preexec_fn=deny_write_execute)
    if mdwe.returncode == 99:
        pytest.skip("the kernel has no PR_SET_MDWE (Linux < 6.3)")
    mount = "mount -t proc -o subset=pid,hidepid=invisible proc /proc && test ! -e /proc/meminfo && exec \"$@\""
    process, sock, log = start_wrapped(tmp_path, ["unshare", "-m", "sh", "-c", mount, "sh"], deny_write_execute)
    try:
        samples = login_metrics_and_reload(sock, process.pid)  # sh and sh exec'd into the sidecar
        assert set(samples) == {"process_resident_memory_bytes", "process_open_fds", "process_cpu_seconds_total"}
        assert int(samples["process_resident_memory_bytes"]) > 0 and int(samples["process_open_fds"]) > 3
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def syscall_groups():
    """`systemd-analyze syscall-filter`, groups expanded to system call names."""
    text = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True).stdout
    groups, current = {}, None
    for line in text.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.split()[0], [])
        elif current is not None and line.strip() and not line.strip().startswith("#"):
            current.append(line.split()[0])

    def expand(group):
        return set().union(*({name} if not name.startswith("@") else expand(name) for name in groups[group]))
    return {name: expand(name) for name in groups}


def test_system_calls_stay_inside_the_service_filter(tmp_path):
    """SystemCallFilter=@system-service ~@privileged, with what the sidecar really calls (strace)
    while it starts, runs `check-scripts`, logs in, serves metrics, reloads and drains."""
    assert shutil.which("strace"), "strace is missing: scripts/deps.sh test installs it"
    filters = directive("interceptor.service", "Service", "SystemCallFilter")
    assert filters == ["@system-service", "~@privileged"]
    trace = tmp_path / "trace"
    process, sock, log = start_wrapped(tmp_path, ["strace", "-f", "-qq", "-o", str(trace)])
    try:
        # Signals go to the sidecar, the first process in the trace, not to strace.
        sidecar_pid = int(trace.read_text().split(maxsplit=1)[0])
        login_metrics_and_reload(sock, sidecar_pid)
        os.kill(sidecar_pid, signal.SIGTERM)
        assert process.wait(15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
    called = set(re.findall(r"^\d+ +([a-z0-9_]+)\(", trace.read_text(), re.M))
    groups = syscall_groups()
    assert {"execve", "inotify_add_watch", "accept4", "epoll_wait"} <= called  # the trace saw the work
    assert called - groups["@system-service"] == set()
    assert called & groups["@privileged"] == set()
    # Why the unit keeps @resources: JavaScriptCore sets SCHED_RESET_ON_FORK; providers run at nice 19.
    assert called & groups["@resources"] <= {"sched_setscheduler", "setpriority"}  # JSC threads; nice 19 providers
