row = [0] * 3
print(row)
grid = [[0] * 2] * 3
grid[0][0] = 1
print(grid)
print([1, 2] * 2)
print([5] * 0)
