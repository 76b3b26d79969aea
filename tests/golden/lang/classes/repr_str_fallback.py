class OnlyRepr:
    def __repr__(self):
        return "R!"
class Both:
    def __repr__(self):
        return "repr"
    def __str__(self):
        return "str"
print(OnlyRepr(), str(OnlyRepr()))
b = Both()
print(b, repr(b), [b], f"{b} {b!r}")
print("%s %r" % (b, b))
