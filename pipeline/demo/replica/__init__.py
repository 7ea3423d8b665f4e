"""A synthetic replica of congdoanhatinh.org.vn with its ground truth.

Used by the collector tests (a real HTTP server on 127.0.0.1) and by ``cdht demo``.

- ``model.build_site(seed, start, months, per_month) -> Site``: the articles and their truth
  (``records`` the records, ``rules`` the rules of the truth, ``writing`` one article).
- ``server.ReplicaServer(site, faults=FaultPlan())``: serves it; ``serve_forever`` for a person.
- ``truth.expected_month(site, "2025-05")``: the month report a correct pipeline prints.
"""
