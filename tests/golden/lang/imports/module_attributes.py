# A module's __name__, __doc__, __file__, __dict__ and repr.
import mod_nodoc
import mod_shapes

here = mod_nodoc.__file__.rsplit("/", 1)[0]
print(mod_shapes.__name__)
print(mod_shapes.__doc__)
print(mod_nodoc.__doc__)
print(mod_shapes.__file__ == here + "/mod_shapes.py")
print(repr(mod_shapes).replace(here, "<dir>"))
print(type(mod_shapes.__dict__).__name__, mod_shapes.__dict__["PI"])
print(list(mod_shapes.__dict__)[:3])
print([k for k in mod_shapes.__dict__ if not k.startswith("__")])
print(mod_shapes.__class__)
mod_nodoc.extra = "set from outside"
print(mod_nodoc.__dict__["extra"])
del mod_nodoc.extra
print("extra" in mod_nodoc.__dict__)
try:
    mod_nodoc.missing
except AttributeError as e:
    print("AttributeError:", e)
