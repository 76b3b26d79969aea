# CPython 3.11 quirk: the literal 'a' is interned by the compiler as a different
# object from the runtime one-character cache entry.
s = "abc"
c = "a"
print(s[0] == c)
print(s[0] is c)
