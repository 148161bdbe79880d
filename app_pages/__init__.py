"""The Streamlit app's views, one module per page (see app.py), and what they share."""
