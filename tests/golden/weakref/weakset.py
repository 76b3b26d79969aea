import weakref
class C:
    pass
s = weakref.WeakSet()
a, b = C(), C()
s.add(a)
s.add(b)
s.add(a)
print(len(s), a in s)
del a
print(len(s), b in s)
s.discard(b)
print(len(s))
