import os

import pytest

from echo_upstream import EchoUpstream
from harness import BINARY, TENANTS, Nginx, Sidecar

# Every sidecar in these tests serves the test tenants unless told otherwise.
os.environ.setdefault("TENANTS_DIR", str(TENANTS))


@pytest.fixture(scope="session", autouse=True)
def built_binary():
    assert BINARY.exists(), f"{BINARY} is missing: run `make build` (make test does)"


@pytest.fixture
def start_sidecar(tmp_path):
    started = []

    def start(*args, **kwargs):
        sidecar = Sidecar(tmp_path, *args, **kwargs)
        started.append(sidecar)
        return sidecar

    yield start
    for sidecar in started:
        if sidecar.process.poll() is None:
            sidecar.process.kill()
            sidecar.process.wait()


@pytest.fixture
def start_nginx(tmp_path):
    started = []

    def start(**kwargs):
        nginx = Nginx(tmp_path, **kwargs)
        started.append(nginx)
        return nginx

    yield start
    for nginx in started:
        nginx.stop()


@pytest.fixture
def upstream():
    """The application behind the proxy: echoes the headers it received."""
    echo = EchoUpstream()
    yield echo
    echo.stop()
