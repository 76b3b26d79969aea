# Importing a module that exists nowhere is ModuleNotFoundError, a subclass of ImportError.
try:
    import mod_does_not_exist
except ModuleNotFoundError as e:
    print(type(e).__name__ + ":", e)
try:
    from mod_not_there import something
except ImportError as e:
    print(type(e).__name__ + ":", e, isinstance(e, ModuleNotFoundError))
