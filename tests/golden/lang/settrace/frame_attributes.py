# The frame a trace function receives: f_lineno, f_code, f_locals,
# f_globals and f_back.
import sys

records = []


def tracer(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "inner":
        back = frame.f_back
        records.append((
            frame.f_lineno - frame.f_code.co_firstlineno,
            sorted(frame.f_locals.items()),
            frame.f_globals is globals(),
            back.f_code.co_name,
            back.f_lineno - back.f_code.co_firstlineno,
            back.f_back.f_code.co_name,
            frame.f_code.co_filename.endswith("frame_attributes.py"),
        ))
    return tracer


def inner(x):
    y = x * 2
    return y


def outer():
    return inner(21)


sys.settrace(tracer)
outer()
sys.settrace(None)
for r in records:
    print(r)
