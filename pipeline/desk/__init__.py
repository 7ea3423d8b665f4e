"""The desk: the web pages and JSON API the editorial board opens in a browser (``cdht serve``).

``app.create_app`` builds the Flask application over one database and configuration folder;
``auth`` signs people in (sessions, API tokens, throttling), ``csrf`` guards every form, and one
``views_*`` module serves each area. The queries live in ``queries`` (no Flask there).
"""
