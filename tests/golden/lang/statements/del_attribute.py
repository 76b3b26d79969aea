class C:
    cls_attr = 1
c = C()
c.x = 5
del c.x
print(hasattr(c, "x"))
try:
    del c.cls_attr
except AttributeError as e:
    print(e)
del C.cls_attr
print(hasattr(C, "cls_attr"))
