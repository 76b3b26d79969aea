# Instances of subclasses of atomic types are GC objects (they have a __dict__).
import gc


class I(int):
    pass


class S(str):
    pass


print(gc.is_tracked(5), gc.is_tracked(I(5)), gc.is_tracked("s"), gc.is_tracked(S("s")))
print(I(5).__dict__, vars(S("x")) if False else "-")
