# Loops give a line event per iteration: the loop header is traced again
# after each backward jump.
import sys

events = []


def tracer(frame, event, arg):
    events.append((event, frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def loops():
    total = 0
    for i in range(3):
        total += i
    n = 2
    while n > 0:
        n -= 1
    while True:
        if n == 0:
            break
    return total


sys.settrace(tracer)
loops()
sys.settrace(None)
for e in events:
    print(*e)
