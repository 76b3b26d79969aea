import time
for bad in ["x", None, float("nan"), float("inf"), 10**30, 9223372037, 9.3e9, -1e-10]:
    try:
        time.sleep(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for call in [lambda: time.sleep(), lambda: time.sleep(secs=1), lambda: time.time(1), lambda: time.perf_counter(x=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
