"""The replicated topology on this machine: Debian's nginx in front of local Streamlit replicas.

    python deploy/local_nginx.py                  # 1 replica, then 2: spread, sessions lost, runs/s
    python deploy/local_nginx.py --sessions 50 --runs 3

The same nginx configuration as deploy/compose.yaml (deploy/nginx.conf.template), on a free high
port of 127.0.0.1, run as the current user with every file in a temporary folder. Each replica is
`streamlit run serve.py` on its own loopback port. The load generator (benchmark/load.py)
drives it as browsers would: a page first (nginx sets its cookie), then the WebSocket with it.
Needs nginx: `apt-get install -y nginx` (only the binary is used; the system service stays off).
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmark import harness, load  # noqa: E402

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX_START_TIMEOUT_S = 10.0


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise harness.HarnessError("nginx is not installed: on Debian, as root, `apt-get install -y nginx`.")
    return found


class Balancer:
    """nginx on 127.0.0.1:<free port> in front of the given loopback ports."""

    def __init__(self, folder: Path, upstream_ports: list[int]):
        self.folder = folder
        self.port = harness.free_port()
        self.url = f"http://{harness.HOST}:{self.port}"
        folder.mkdir(parents=True, exist_ok=True)
        config = (
            TEMPLATE.read_text(encoding="utf-8")
            .replace("@PREFIX@", str(folder))
            .replace("@LISTEN@", f"{harness.HOST}:{self.port}")
            .replace("@UPSTREAMS@", "\n        ".join(f"server {harness.HOST}:{port};" for port in upstream_ports))
        )
        (folder / "nginx.conf").write_text(config, encoding="utf-8")
        self.process = subprocess.Popen(
            [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(folder / "stderr.log", "wb"),
        )
        deadline = time.monotonic() + NGINX_START_TIMEOUT_S
        while not harness.healthy(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                logs = [path.read_text(errors="replace") for path in (folder / "stderr.log", folder / "error.log") if path.exists()]
                raise harness.HarnessError("nginx did not start:\n" + "\n".join(logs))
            time.sleep(0.05)

    def stop(self) -> None:
        harness.stop_process(self.process)


def start_replicas(count: int, folder: Path) -> list[harness.Server]:
    replicas: list[harness.Server] = []
    try:
        for index in range(count):
            replicas.append(harness.start_server(REPO_ROOT, harness.APP_SCRIPT, folder / f"replica-{index}.log"))
        for replica in replicas:
            harness.wait_warm(replica)  # throughput is measured on warm replicas, not beside their warm-up
    except Exception:
        for replica in replicas:
            replica.stop()
        raise
    return replicas


def spread(measured: dict, replicas: list[harness.Server]) -> dict[str, int]:
    """Sessions per replica, by the address nginx says it passed each WebSocket to."""
    by_port = {f"{harness.HOST}:{replica.port}": f"replica {index} (:{replica.port})" for index, replica in enumerate(replicas)}
    counts = collections.Counter(by_port.get(upstream or "", f"unknown ({upstream})") for upstream in measured["upstreams"])
    return dict(sorted(counts.items()))


def check_page(url: str) -> bool:
    with urllib.request.urlopen(url + "/", timeout=10) as response:
        return response.status == 200 and b"<div id=\"root\">" in response.read()


def run(sessions: int, runs: int, folder: Path, compare_one: bool = True) -> dict:
    replicas = start_replicas(2, folder)
    report: dict = {"sessions": sessions, "runs_each": runs}
    try:
        topologies = ([("1 replica", replicas[:1])] if compare_one else []) + [("2 replicas", replicas)]
        for name, members in topologies:
            balancer = Balancer(folder / name.replace(" ", "-"), [replica.port for replica in members])
            try:
                if not check_page(balancer.url):
                    raise harness.HarnessError("the page through nginx is not the app's")
                load.run_load(balancer.url, min(sessions, 4), 1, sticky=True, timeout_s=60)  # warm every replica's caches
                measured = load.run_load(balancer.url, sessions, runs, sticky=True)
                report[name] = {
                    "runs_per_s": measured["runs_per_s"],
                    "p95_s": measured["p95_s"],
                    "runs_finished": measured["runs_finished"],
                    "runs_asked": measured["runs_asked"],
                    "lost": measured["lost"],
                    "sessions_with_errors": measured["sessions_with_errors"],
                    "errors": measured["errors"],
                    "spread": spread(measured, replicas),
                    "load_average": measured["load_average"],
                }
            finally:
                balancer.stop()
    finally:
        for replica in replicas:
            replica.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bde-nginx-") as tmp:
        try:
            report = run(args.sessions, args.runs, Path(tmp))
        except harness.HarnessError as error:
            sys.exit(str(error))
    print(json.dumps(report, indent=2))
    two = report["2 replicas"]
    ok = two["lost"] == 0 and not two["sessions_with_errors"] and len([k for k in two["spread"] if k.startswith("replica")]) == 2
    one = report.get("1 replica")
    if one:
        print(f"runs/s with 1 replica {one['runs_per_s']:.1f}, with 2 replicas {two['runs_per_s']:.1f} "
              f"({two['runs_per_s'] / one['runs_per_s']:.2f}x); load average {two['load_average'][0]:.1f}")
    print(f"sessions spread over both replicas, none lost: {'yes' if ok else 'NO'} {two['spread']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
