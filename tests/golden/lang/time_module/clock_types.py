import time
for name in ["time", "perf_counter", "monotonic", "process_time"]:
    print(name, type(getattr(time, name)()).__name__)
for name in ["time_ns", "perf_counter_ns", "monotonic_ns"]:
    print(name, type(getattr(time, name)()).__name__)
print(abs(time.time() - time.time_ns() / 1e9) < 1.0, time.time() > 1.6e9)
print(time.process_time() >= 0.0)
