inner = [1, 2]
t = (inner, "x")
inner[0] = 100
print(t)
t[0][1] = 200
print(t)
print(inner)
