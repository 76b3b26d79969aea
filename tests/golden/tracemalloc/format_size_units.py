import tracemalloc

for size in (0, 1, 1023, 10239, 10240, 102399, 102400, 10485759, 10485760,
             104857600, 5 * 1024**4, 2000 * 1024**4, 12.5, 99.95 * 1024):
    print(size, tracemalloc._format_size(size, False), tracemalloc._format_size(size, True),
          tracemalloc._format_size(-size, True))
