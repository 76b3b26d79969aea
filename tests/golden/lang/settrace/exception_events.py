# An exception gives an 'exception' event in each frame it passes through
# and a 'return' event with None for a frame it leaves.
import sys

events = []


def tracer(frame, event, arg):
    shown = arg[0].__name__ if event == "exception" else arg
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno, shown))
    return tracer


def inner():
    raise ValueError("bad")


def middle():
    inner()


def outer():
    try:
        middle()
    except ValueError:
        return "caught"


sys.settrace(tracer)
outer()
sys.settrace(None)
for e in events:
    print(*e)
