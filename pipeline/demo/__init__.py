"""The demo: a synthetic replica of the website, a Facebook export built from it, and the run."""
