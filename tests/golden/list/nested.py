grid = [[1, 2, 3], [4, 5, 6]]
print(grid[1][2])
print(grid[-1][0])
grid[0][1] = 20
print(grid)
print(len(grid), len(grid[0]))
row = grid[1]
row[0] = 40
print(grid)
