# An import inside a function binds a local name.
def use():
    import mod_shapes
    from mod_shapes import PI as pi

    return mod_shapes.area(2, 2), pi


print(use())
try:
    mod_shapes
except NameError as e:
    print("NameError:", e)
