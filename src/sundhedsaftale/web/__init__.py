"""The Django project around the core: settings, URLs, templates, static files and start-up checks."""
