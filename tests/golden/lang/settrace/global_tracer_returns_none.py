# When the global tracer returns None for a call, that frame gets no line
# or return events; a local tracer returning None keeps tracing the frame.
import sys

events = []


def local(frame, event, arg):
    events.append(("local", event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno))
    return None


def tracer(frame, event, arg):
    events.append(("global", event, frame.f_code.co_name))
    if frame.f_code.co_name == "traced":
        return local
    return None


def untraced():
    x = 1
    return x


def traced():
    y = untraced()
    return y + 1


sys.settrace(tracer)
traced()
sys.settrace(None)
for e in events:
    print(*e)
