# An imported module's code is compiled first, its parser arena freed before it
# runs: its constants have no extra reference (compare refcount_constant_script).
import sys
import mod_refcount_constants as m
def rc(x):
    return sys.getrefcount(x) - 3
print(rc(m.value), rc(m.pair), rc(m.pair[0]), rc(m.get()) + 1)
