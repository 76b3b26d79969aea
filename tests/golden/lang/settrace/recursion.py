# Each recursive call is its own frame with its own call and return events.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno, arg))
    return tracer


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


sys.settrace(tracer)
fact(3)
sys.settrace(None)
for e in events:
    print(*e)
