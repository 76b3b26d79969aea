# `from NAME import x` of a name the module lacks is ImportError naming the module's file;
# a built-in module has no file ("unknown location").
import mod_nodoc

here = mod_nodoc.__file__.rsplit("/", 1)[0]
try:
    from mod_shapes import nope
except ImportError as e:
    print(type(e).__name__ + ":", str(e).replace(here, "<dir>"))
try:
    from sys import nope
except ImportError as e:
    print(type(e).__name__ + ":", e)
