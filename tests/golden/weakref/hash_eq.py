import weakref
class C:
    pass
a, b = C(), C()
ra, rb = weakref.ref(a), weakref.ref(b)
ra2 = weakref.ref(a, lambda w: None)
print(ra == ra2, ra != ra2, ra == rb, ra is ra2)
print(hash(ra) == hash(a), hash(ra2) == hash(a))
h = hash(rb)
del b
print(hash(rb) == h)
c = C()
rc = weakref.ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print(e)
print(rc == rc, rc == rb)
print(ra == 1, ra != "x")
d = {ra: "A"}
print(d[ra2])
