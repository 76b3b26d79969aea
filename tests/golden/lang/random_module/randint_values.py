import random
random.seed(1)
print([random.randint(1, 6) for _ in range(20)])
print([random.randint(-10**20, 10**20) for _ in range(3)])
