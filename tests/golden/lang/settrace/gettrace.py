# sys.gettrace() returns the function given to sys.settrace, also from
# inside the trace function, and None when no trace function is set.
import sys

seen = []


def tracer(frame, event, arg):
    seen.append((event, sys.gettrace() is tracer))
    return None


def f():
    return 1


print(sys.gettrace())
sys.settrace(tracer)
print(sys.gettrace() is tracer)
f()
sys.settrace(None)
print(sys.gettrace())
print(seen)
