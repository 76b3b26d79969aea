print([(x, y) for x in range(4) if x % 2 for y in range(x) if y != 1])
print([c for word in ["ab", "cd"] for c in word])
