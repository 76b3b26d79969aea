import time
a = [time.monotonic() for _ in range(1000)]
b = [time.perf_counter_ns() for _ in range(1000)]
c = [time.monotonic_ns() for _ in range(1000)]
print(all(x <= y for x, y in zip(a, a[1:])))
print(all(x <= y for x, y in zip(b, b[1:])), all(x <= y for x, y in zip(c, c[1:])))
