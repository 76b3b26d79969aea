# The call, line and return events of one function call.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno, arg))
    return tracer


def add(a, b):
    c = a + b
    return c


sys.settrace(tracer)
add(1, 2)
sys.settrace(None)
for e in events:
    print(*e)
