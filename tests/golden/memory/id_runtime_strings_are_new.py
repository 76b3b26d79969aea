p = 'hel'
a = p + 'lo'
b = p + 'lo'
print(a is b, a == b)
print(str(55) is str(55))
n = 3
print('ab' * n is 'ab' * n)
print(''.join(['x', 'y']) is ''.join(['x', 'y']))
