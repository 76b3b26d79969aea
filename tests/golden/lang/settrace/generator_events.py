# A generator's frame gets a 'call' event at each resumption and a 'return'
# event (with the yielded value) at each yield; its end returns None.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno, arg))
    return tracer


def gen(n):
    for i in range(n):
        yield i * 10
    return


def consume():
    total = 0
    for v in gen(2):
        total += v
    return total


sys.settrace(tracer)
consume()
sys.settrace(None)
for e in events:
    print(*e)
