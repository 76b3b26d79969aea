l = [1]
l += (2, 3)
l += 'ab'
l += range(2)
l += {'k': 1}
print(l)
try:
    l += 5
except TypeError as e:
    print(e)
