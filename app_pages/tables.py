"""Tables whose long text (evidence sentences, often two lines or more) wraps instead of being cut.

Why a row height: Streamlit's dataframe wraps a text cell only when its rows are tall enough for more
than one line; evidence tables get rows of three lines and a wide sentence column, and nulls show as
nothing rather than "None".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

WRAP_ROW_PX = 74  # three lines of 14-px text


def wrapped_table(frame: pd.DataFrame, long_columns: Sequence[str], **options: object) -> object:
    """``st.dataframe`` of ``frame`` with ``long_columns`` wrapped over up to three lines."""
    config = {c: st.column_config.TextColumn(c, width="large") for c in long_columns if c in frame.columns}
    return st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        row_height=WRAP_ROW_PX,
        column_config=config,
        placeholder="",
        **options,
    )
