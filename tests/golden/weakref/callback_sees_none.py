import weakref
class C:
    pass
seen = []
c = C()
r = weakref.ref(c, lambda wr: seen.append((wr is r, wr())))
del c
print(seen)
