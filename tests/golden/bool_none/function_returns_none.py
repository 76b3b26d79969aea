def nothing():
    pass
r = nothing()
print(r)
print(r is None)
print(repr(r))
print(type(r))
