# [[0] * 3] * 3 repeats one row object three times; a comprehension makes three rows.
import sys

grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
row = grid[1]
print("rc", "row", sys.getrefcount(row) - 1)
print(grid[0] is grid[2])
fixed = [[0] * 3 for _ in range(3)]
fixed[0][0] = 1
print(fixed)
print(fixed[0] is fixed[2])
