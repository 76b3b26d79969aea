grid = {(0, 0): "x"}
print(grid[(1, 2)])
