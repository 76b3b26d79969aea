import weakref
class C:
    pass
keep = C()
weakref.finalize(keep, print, "at exit 1")
weakref.finalize(keep, print, "at exit 2")
f = weakref.finalize(keep, print, "not at exit")
f.atexit = False
print("end of script")
