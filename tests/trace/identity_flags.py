# expect-flag: small small_int
# expect-flag: big !small_int
# expect-flag: name interned
# expect-flag: nothing singleton
# expect-flag: empty singleton
# Small ints, interned strings and singletons are flagged in the trace.
import sys

small = 7
big = 10 ** 20
name = "hello"
nothing = None
empty = ()
print("rc", "big", sys.getrefcount(big) - 1)
print(small, big, name, nothing, empty)
