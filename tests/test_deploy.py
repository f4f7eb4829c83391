"""deploy/: nginx in front of two local replicas spreads readers over both and keeps each on one.

Runs Debian's nginx with the deployment's own configuration (deploy/nginx.conf.template) on a free
loopback port, in front of two `streamlit run` replicas, and drives it with the protocol-level load
generator (benchmark/load.py) as browsers would: a page first, then the WebSocket with nginx's cookie.
"""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))

import local_nginx  # noqa: E402
from benchmark import harness  # noqa: E402

SESSIONS = 16


@pytest.fixture(scope="module")
def topology(tmp_path_factory):
    try:
        local_nginx.nginx_binary()
    except harness.HarnessError as error:
        pytest.fail(str(error), pytrace=False)
    folder = tmp_path_factory.mktemp("nginx")
    replicas = local_nginx.start_replicas(2, folder)
    balancer = local_nginx.Balancer(folder / "balancer", [replica.port for replica in replicas])
    yield balancer, replicas
    balancer.stop()
    for replica in replicas:
        replica.stop()


def test_sessions_spread_over_both_replicas_and_none_is_lost(topology):
    from benchmark import load

    balancer, replicas = topology
    measured = load.run_load(balancer.url, SESSIONS, 1, sticky=True, timeout_s=90)
    assert measured["errors"] == []  # includes "the page came from one replica, its WebSocket went to another"
    assert measured["runs_finished"] == SESSIONS
    spread = local_nginx.spread(measured, replicas)
    assert sorted(spread) == [f"replica 0 (:{replicas[0].port})", f"replica 1 (:{replicas[1].port})"], spread
    assert min(spread.values()) >= 2, spread


def test_a_reader_with_the_cookie_stays_on_its_replica(topology):
    balancer, _ = topology
    with urllib.request.urlopen(balancer.url + "/_stcore/health", timeout=10) as first:
        cookies = [value.split(";", 1)[0] for value in first.headers.get_all("Set-Cookie")]
        replica = first.headers["X-Upstream"]
    routes = [cookie for cookie in cookies if cookie.startswith("bde_route=")]
    assert len(routes) == 1, cookies
    cookie = routes[0]
    for _ in range(8):
        request = urllib.request.Request(balancer.url + "/_stcore/health", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=10) as again:
            assert again.headers["X-Upstream"] == replica
