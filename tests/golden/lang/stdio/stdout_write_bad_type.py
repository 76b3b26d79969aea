# Writing a non-str to sys.stdout is a TypeError.
import sys

try:
    sys.stdout.write(42)
except TypeError as e:
    print(e)
sys.stdout.write()
