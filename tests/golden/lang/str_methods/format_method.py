print('{} and {}'.format(1, 2), '{1} {0} {1}'.format('a', 'b'), '{name}!'.format(name='x'))
print('{:>5}|{:<5}|{:^5}|'.format('a', 'b', 'c'), '{:.2f} {:05d} {:,}'.format(3.14159, 42, 10**6))
print('{!r} {!s} {0!r:>6}'.format('a', 'b'), '{{literal}} {}'.format(1), '{0[1]} {1[k]}'.format([5, 6], {'k': 9}))
print('{:{w}.{p}f}'.format(3.14159, w=10, p=3), '{:*^9}'.format('mid'))
