"""The percentile every propagation driver reports (bench/registrator-propagation, bench/e2e-propagation,
bench/template-propagation), kept apart from propagation.py so that a driver without containers need not import
the Docker stamping. A driver finds this module relative to its own file:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    from percentile import pct"""
import math


def pct(xs, p):
    """The P-th percentile of XS (ns) in ms, by nearest rank."""
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100.0 * len(xs)) - 1)] / 1e6
