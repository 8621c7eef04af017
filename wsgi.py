"""Entry point for gunicorn (`gunicorn wsgi:app`) and the `flask` command."""
import gc

from casework import create_app

app = create_app()
# Everything built so far (modules, models, templates' environment) lives as long as the process.
# Frozen, it is left out of the collector's full passes, which otherwise walk its ~180,000
# objects (about 100 ms here) in the middle of whichever request triggers them; with gunicorn
# --preload, the workers also keep sharing these pages after the fork.
gc.freeze()
