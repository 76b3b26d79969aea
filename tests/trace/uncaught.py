# expect-last-event: uncaught_exception
# expect-exception: ZeroDivisionError
# An exception nobody catches ends the trace with the traceback.
def ratio(a, b):
    return a / b


values = [4, 2, 0]
for v in values:
    print(ratio(8, v))
