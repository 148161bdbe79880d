"""Loaders: read files of every format users have into normalized Documents, then extract facts."""
