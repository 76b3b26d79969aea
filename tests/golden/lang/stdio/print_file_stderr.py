# print(file=sys.stderr) writes to standard error; stdout keeps its own text.
import sys

print("to stdout")
print("to stderr", file=sys.stderr)
print("stdout again", file=sys.stdout)
print("None means stdout", file=None)
