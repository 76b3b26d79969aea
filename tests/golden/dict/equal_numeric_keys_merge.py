d = {1: "a", True: "b", 1.0: "c"}
print(d)
e = {}
e[0] = "zero"
e[0.0] = "float zero"
e[False] = "false"
print(e)
