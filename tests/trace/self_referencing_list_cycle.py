# expect-collection
# A list that contains itself survives `del` (its count stays above 0) until gc.collect().
import gc
import sys

loop = [1, 2]
loop.append(loop)
print(loop[2] is loop, len(loop))
print("rc", "loop", sys.getrefcount(loop) - 1)
del loop
print(gc.collect() >= 1)
