import weakref
saved = []
class R:
    def __del__(self):
        print("__del__, weakref alive:", w() is self)
        saved.append(self)
r = R()
w = weakref.ref(r, lambda x: print("callback"))
del r
print("resurrected:", w() is saved[0])
saved.clear()
print("end")
