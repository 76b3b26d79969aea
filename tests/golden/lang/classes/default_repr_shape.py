class C: pass
r = repr(C())
print(r.startswith("<__main__.C object at 0x"), r.endswith(">"))
print(repr(C).startswith("<class '__main__.C'>"))
print(str(C))
