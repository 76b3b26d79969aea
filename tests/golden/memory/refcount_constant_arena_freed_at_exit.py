# The parser arena is freed as soon as the script's code has finished, before
# __main__ is torn down: an object freed at exit sees the constant without it.
import sys
class Reporter:
    def __init__(self, value):
        self.value = value
    def __del__(self, getrefcount=sys.getrefcount):
        print("at exit", getrefcount(self.value))
r = Reporter(123456.5)
print("while running", sys.getrefcount(r.value))
