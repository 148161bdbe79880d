"""Who may change the store through the app: everyone when it listens on this machine only, nobody when
it is shared on the network unless its owner said so a second time.

Why decided from Streamlit's own ``server.address``: that is the address the server listens on, whoever
started it (`python3 dev.py up`, `streamlit run app.py`, a config file). .streamlit/config.toml sets
127.0.0.1; `python3 dev.py up --share` passes 0.0.0.0. No address at all means Streamlit listens on
every interface, so that counts as shared too. While shared, uploads, document removal and write
queries stay off unless ``BANGFU_ALLOW_CHANGES=1`` (`python3 dev.py up --share --allow-changes`).
"""

from __future__ import annotations

import os

import streamlit as st

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
ALLOW_ENV = "BANGFU_ALLOW_CHANGES"


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def shared() -> bool:
    """The app listens on more than this machine's loopback interface."""
    address = server_address()
    return not (address in LOOPBACK or address.startswith("127."))


def changes_allowed() -> bool:
    """Uploads, document removal and write queries: on locally, off while shared unless allowed."""
    return not shared() or os.environ.get(ALLOW_ENV) == "1"
