grid = {}
grid[(0, 0)] = "origin"
grid[(1, 2)] = "point"
print(grid[(1, 2)])
print((0, 0) in grid)
print(grid)
