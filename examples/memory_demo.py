# memory_demo.py: identity (`is`) versus equality (`==`) under CPython's
# memory model. Run it with refpy and with python3 and compare.

# Ints -5..256 are preallocated: every 10 is the same object.
a = 10
b = 10
print("a = 10; b = 10; a is b (small ints are cached):")
print(a is b)
# Short string literals are interned, so both names share one object.
a = "hello world"
b = "hello world"
print('"hello world" twice: a is b (short literals are shared):')
print(a is b)
# refpy gives each long, non-identifier literal its own object (a script
# run by CPython merges equal constants and prints True here).
a = "a very very very long string that might not be interned"
b = "a very very very long string that might not be interned"
print("the 55-character literal twice: a is b (long literals are not):")
print(a is b)
# The cache also serves results computed at run time.
x = 200
y = 56
n = 256
print("x = 200; y = 56: x + y is 256 (the sum comes from the cache):")
print(x + y is n)
# Outside the cache, every computation makes a new int object.
x = 1000
y = int("1000")
print("x = 1000; y = int('1000'): x == y, then x is y:")
print(x == y)
print(x is y)
# Two equal lists are two objects; assignment binds a name, never copies.
a = [1, 2, 3]
c = [1, 2, 3]
b = a
b.append(4)
print("a = [1, 2, 3]; c = [1, 2, 3]; b = a; b.append(4): a is c, a is b, len(a):")
print(a is c)
print(a is b)
print(len(a))
# Every reference counts, and sys.getrefcount sees its own argument too.
import sys
x = []
print("x = []: sys.getrefcount(x) (the name x plus the call's argument):")
print(sys.getrefcount(x))
y = x
print("y = x: one more reference:")
print(sys.getrefcount(x))
del y
print("del y: back to:")
print(sys.getrefcount(x))
