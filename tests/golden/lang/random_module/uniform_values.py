import random
random.seed(7)
print([random.uniform(1, 10) for _ in range(4)])
print(random.uniform(5, -5), random.uniform(2, 2))
