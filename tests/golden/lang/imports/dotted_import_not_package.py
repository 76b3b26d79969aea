# `import a.b` needs `a` to be a package: a plain module gives CPython's text.
try:
    import mod_shapes.sub
except ModuleNotFoundError as e:
    print(type(e).__name__ + ":", e)
try:
    import mod_absent.sub
except ModuleNotFoundError as e:
    print(type(e).__name__ + ":", e)
