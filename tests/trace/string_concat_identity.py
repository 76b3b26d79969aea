# Strings built at run time are new objects: equal text, different identity, until interned.
import sys

part = "sp"
built = part + "am"
literal = "spam"
print(built == literal, built is literal)
joined = "".join([part, "am"])
print(joined == built, joined is built)
first = sys.intern(built)
second = sys.intern(joined)
print(first is second, first is literal, first is built)
