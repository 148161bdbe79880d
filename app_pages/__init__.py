"""The Streamlit app's views, one module per page (see app.py), and what they share.

``PAGES`` is the order of the sidebar; each name is a module here with a ``render(data)`` function.
"""

PAGES = ("overview", "network", "map", "planner", "cypher", "documents", "search")
