# sys.stdout.write returns the number of characters written.
import sys

n = sys.stdout.write("héllo\n")
print(n)
sys.stdout.write("no newline")
sys.stdout.write(" ... then one\n")
sys.stdout.flush()
print(sys.stdout is sys.__stdout__, repr(sys.stdout), repr(sys.stderr))
