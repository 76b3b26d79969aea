# A name in `__all__` that the module never defines is an AttributeError at `import *`.
try:
    from mod_star_bad import *
except AttributeError as e:
    print("AttributeError:", e)
print(real)
