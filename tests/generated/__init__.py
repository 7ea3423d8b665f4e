"""Generated sites: the replica's articles written in markup drawn dimension by dimension.

A template family (``tests/blind/``) is one point in the space of markups; this package draws
each markup dimension (``dimensions.py``) independently from a seed, renders the replica's
articles with it (one module per dimension) and serves the result on 127.0.0.1. The truth is
the replica's own item list. ``gate.py`` pins the seeds of the golden gate
(``tests/test_generated_gate.py``); ``python -m tests.generated.serve --seed N`` serves one site
for probing by hand.
"""
