def check(x):
    return x in {1, 2, 3}
print(check(2), check(5), [x for x in range(6) if x in {1, 3, 5}])
print('b' in {'a', 'b'}, 3 not in {1, 2})
