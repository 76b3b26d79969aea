# Helpers for the tracemalloc cases, imported before tracing starts.
import sys
import tracemalloc

# The script's path as code objects carry it (absolute, so it differs per machine).
SCRIPT = sys.path[0] + "/" + sys.argv[0]


def fill_list_free_list():
    # Leaves the list free list full of lists allocated before tracing: a list
    # made later by a literal reuses one, so only its item buffer is traced.
    junk = [[] for _ in range(100)]
    del junk


def own(snapshot):
    # The traces allocated by the case's own lines.
    return snapshot.filter_traces([tracemalloc.Filter(True, SCRIPT)])


def text(x):
    # str(x) with the script's path written as its name.
    return str(x).replace(SCRIPT, sys.argv[0])


def lines(stats):
    # (lineno, count) of each statistic, in order.
    return [(s.traceback[0].lineno, s.count) for s in stats]
