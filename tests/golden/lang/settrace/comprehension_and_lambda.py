# Comprehensions, lambdas and class bodies are frames of their own.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def work():
    squares = [i * i for i in range(2)]
    key = lambda v: -v
    class Box:
        size = 3
    return sorted(squares, key=key), Box.size


sys.settrace(tracer)
work()
sys.settrace(None)
for e in events:
    print(*e)
