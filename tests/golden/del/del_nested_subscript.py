grid = [[1, 2], [3, 4]]
del grid[0][1]
print(grid)
d = {"x": {"y": 1, "z": 2}}
del d["x"]["y"]
print(d)
