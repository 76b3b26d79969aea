# random() after small, zero, big and negative int seeds: abs(n) in 32-bit words.
import random
for n in (42, 0, 1, 2**32, 2**100, -7, 7):
    random.seed(n)
    print(n, [random.random() for _ in range(3)])
