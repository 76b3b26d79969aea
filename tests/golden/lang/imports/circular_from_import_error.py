# `from a import x` of a name a partially initialised module has not defined yet names
# the circular import; both modules leave sys.modules.
import sys

import mod_nodoc

here = mod_nodoc.__file__.rsplit("/", 1)[0]
try:
    import mod_circ_c
except ImportError as e:
    print(type(e).__name__ + ":", str(e).replace(here, "<dir>"))
print("mod_circ_c" in sys.modules, "mod_circ_d" in sys.modules)
