# Documented interning rule (hand-written expectation): a long literal that is
# not interned is still one object when it occurs once and is aliased; only a
# second occurrence in the source makes a second object. CPython prints True
# for `a is b` too, but True for `a is c` as well (it merges equal constants).
a = "a very very very long string that might not be interned"
b = a
print(a is b)
c = "a very very very long string that might not be interned"
print(a is c)
print(a == c)
