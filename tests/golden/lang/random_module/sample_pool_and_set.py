# sample() picks from a copied pool when the population is small next to k
# (n <= setsize) and by drawing indexes into a set otherwise.
import random
random.seed(5)
print(random.sample(range(100), 5))
print(random.sample(range(100), 60)[:10])
print(random.sample(range(10**6), 10))
print(random.sample("abcdefghijkl", 12))
print(random.sample((1, 2, 3), 0), random.sample([7], 1))
print(random.sample(range(30), 6), random.sample(range(50), 6))
