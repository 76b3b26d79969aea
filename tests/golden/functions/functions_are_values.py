def square(n):
    return n * n
sq = square
print(sq(7))
print(sq is square)
print(type(square))
ops = [square, abs]
print(ops[0](3), ops[1](-3))
