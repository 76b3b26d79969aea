# A relative import in a script (no parent package) is an ImportError.
try:
    from . import mod_shapes
except ImportError as e:
    print(type(e).__name__ + ":", e)
try:
    from .mod_shapes import area
except ImportError as e:
    print(type(e).__name__ + ":", e)
