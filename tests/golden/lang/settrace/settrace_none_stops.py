# sys.settrace(None) inside a traced function stops all events at once,
# including that frame's own line and return events.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def helper():
    return 5


def work():
    a = helper()
    sys.settrace(None)
    b = helper()
    return a + b


sys.settrace(tracer)
work()
for e in events:
    print(*e)
print(sys.gettrace())
