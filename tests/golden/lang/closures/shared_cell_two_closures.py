def pair():
    v = 0
    def get():
        return v
    def set_(x):
        nonlocal v
        v = x
    return get, set_
get, set_ = pair()
set_(42)
print(get())
print(get.__closure__[0].cell_contents)
