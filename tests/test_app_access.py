"""The app is private unless shared on purpose, and a shared app changes nothing unless allowed twice.

- .streamlit/config.toml and dev.py's command bind the server to 127.0.0.1; a real `streamlit run
  app.py` started with no address of its own listens on loopback only (read from /proc/net/tcp).
- dev.py says a taken port before it builds anything.
- Shared (Streamlit's server.address not loopback): no uploads, no document removal, no write mode on
  the Cypher page, unless BANGFU_ALLOW_CHANGES=1. Locally the write mode runs statements unchecked,
  as the CLI's --write does, and read-only mode refuses them with one line.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from app_helpers import ROOT, AppServer, frames, open_page, point_app_at, shared_sample_store
from graph_helpers import sample_graph
from streamlit import config as st_config

from app_pages import access
from graph.store.embedded import write_store


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------- localhost
def test_config_binds_to_localhost() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def test_dev_up_binds_to_localhost_unless_shared() -> None:
    dev = load_dev()
    local = dev.streamlit_command(8501)
    assert local[local.index("--server.address") + 1] == "127.0.0.1"
    assert local[local.index("--server.port") + 1] == "8501"
    shared = dev.streamlit_command(8501, share=True)
    assert shared[shared.index("--server.address") + 1] == "0.0.0.0"
    assert dev.parse_up([])[0] is False  # not shared unless asked
    assert dev.parse_up(["--share", "--allow-changes", "--port", "9000", "--theme.base", "dark"]) == (
        True,
        True,
        9000,
        True,
        ["--theme.base", "dark"],
    )


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets LISTENing on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


LOOPBACK_HEX = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1 as /proc writes them


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp to see the bind")
def test_a_server_started_with_the_config_alone_listens_on_loopback_only(tmp_path, tmp_path_factory) -> None:
    sample = shared_sample_store(tmp_path_factory)
    server = AppServer(sample.path, tmp_path / "streamlit.log", address=None)
    try:
        server.wait()
        addresses = listening_addresses(server.port)
    finally:
        server.stop()
    assert addresses and addresses <= LOOPBACK_HEX, addresses


# ---------------------------------------------------------------------------------------------- the port
def test_dev_up_says_a_taken_port_before_building() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            [sys.executable, str(ROOT / "dev.py"), "up", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
    assert done.returncode == 1
    assert (
        done.stderr
        == f"dev.py up: port {port} is taken (another app listens there): choose another with --port N\n"
    )
    assert "bangfu" not in done.stdout  # nothing was installed or built


def test_a_taken_default_port_moves_to_a_free_one(capsys) -> None:
    dev = load_dev()
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        chosen = dev.choose_port(taken, "127.0.0.1", explicit=False)
        assert chosen != taken and not dev.port_taken(chosen, "127.0.0.1")
    assert capsys.readouterr().out == f"dev.py up: port {taken} is taken; using {chosen}\n"


# ---------------------------------------------------------------------------------------------- sharing
@pytest.fixture
def address():
    """Set Streamlit's server.address for the AppTest runs in this process; put it back afterwards."""
    before = st_config.get_option("server.address")

    def set_address(value: str | None) -> None:
        st_config.set_option("server.address", value)

    yield set_address
    st_config.set_option("server.address", before)


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """A store of the hand-written sample facts that this test may change."""
    path = tmp_path / "bangfu.lbdb"
    write_store(sample_graph(), path)
    point_app_at(monkeypatch, path)
    return path


@pytest.mark.parametrize(
    ("value", "shared"),
    [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True), ("192.168.1.20", True), (None, True)],
)
def test_shared_means_not_loopback(address, value, shared) -> None:
    address(value)
    assert access.shared() is shared


def test_shared_app_offers_no_changes(address, own_store, monkeypatch) -> None:
    monkeypatch.delenv(access.ALLOW_ENV, raising=False)
    address("0.0.0.0")
    docs = open_page("documents")
    assert not docs.get("file_uploader")
    assert any("共享" in i.value for i in docs.info)
    assert docs.button(key="doc_remove").disabled
    docs.checkbox(key="doc_remove_sure").check().run()
    assert docs.button(key="doc_remove").disabled
    cypher = open_page("cypher")
    assert not [c for c in cypher.checkbox if c.key == "cy_write"]
    assert any("共享" in c.value for c in cypher.caption)


def test_shared_app_allowed_twice_offers_changes(address, own_store, monkeypatch) -> None:
    monkeypatch.setenv(access.ALLOW_ENV, "1")
    address("0.0.0.0")
    assert open_page("documents").get("file_uploader")
    assert [c for c in open_page("cypher").checkbox if c.key == "cy_write"]


def run_cypher(at, query: str):
    at.text_area(key="cy_query").input(query)
    at.text_input(key="cy_params").input("{}")
    at.button(key="cy_run").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_cypher_page_refuses_file_statements_and_writes_only_in_write_mode(own_store, tmp_path) -> None:
    target = tmp_path / "names.csv"
    statement = f"COPY (MATCH (r:Region) RETURN r.name) TO '{target}'"
    at = run_cypher(open_page("cypher"), statement)
    assert at.error and "已拒绝" in at.error[0].value and "COPY … TO" in at.error[0].value
    assert not frames(at) and not target.exists()
    at.checkbox(key="cy_write").check().run()
    assert any("不经检查" in c.value for c in at.caption)
    run_cypher(at, statement)
    assert not at.error, at.error[0].value
    assert "龙山县" in target.read_text(encoding="utf-8")


def test_cypher_page_names_a_missing_parameter(own_store) -> None:
    at = run_cypher(open_page("cypher"), "MATCH (r:Region {id: $region}) RETURN r.name AS name")
    assert at.error and "$region" in at.error[0].value and not frames(at)


def test_cypher_page_row_limit_says_how_many_there_were(own_store) -> None:
    at = open_page("cypher")
    at.number_input(key="cy_limit").set_value(3)
    run_cypher(at, "UNWIND range(1, 50) AS x RETURN x")
    assert len(frames(at)[0]) == 3
    assert any("前 3 行（共 50 行）" in c.value for c in at.caption)
