class Grid:
    def __init__(self):
        self.d = {}
    def __getitem__(self, key):
        print("get", key)
        return self.d.get(repr(key), 0)
    def __setitem__(self, key, value):
        print("set", key, value)
        self.d[repr(key)] = value
    def __delitem__(self, key):
        print("del", key)
        del self.d[repr(key)]
g = Grid()
g[1, 2] = 5
print(g[1, 2])
g[1:3] = "x"
print(g[::2])
del g[1, 2]
g[0] += 1
