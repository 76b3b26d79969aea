def ratio(a, b):
    return a // b + 1


print(ratio(7, 0))
