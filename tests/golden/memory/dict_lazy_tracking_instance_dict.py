# An instance's __dict__ holding only atomic values is not tracked; one
# holding a container is.
import gc
class C:
    pass
o = C()
o.x = 1
print(gc.is_tracked(o.__dict__))
o.y = []
print(gc.is_tracked(o.__dict__))
p = C()
p.z = {}
print(gc.is_tracked(p.__dict__))
print(gc.is_tracked(C().__dict__))
