shared = [1]
d = {"x": shared, "y": shared}
shared[0] = 9
print(d)
d["x"][0] = 10
print(shared)
