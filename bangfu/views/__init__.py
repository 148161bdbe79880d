"""Pictures of the graph for the app and for standalone downloads: network layout and HTML, maps."""
