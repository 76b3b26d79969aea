# The traceback names the class io.UnsupportedOperation.
import os

path = "write_to_read_only_uncaught.tmp"
open(path, "w").close()
f = open(path)
os.remove(path)
f.write("data")
