# A trace function that raises is removed, and its exception propagates
# from the traced code.
import sys

count = 0


def tracer(frame, event, arg):
    global count
    count += 1
    if event == "line":
        raise RuntimeError("tracer failed")
    return tracer


def f():
    x = 1
    return x


sys.settrace(tracer)
try:
    f()
except RuntimeError as e:
    print("caught:", e)
print(sys.gettrace(), count)
