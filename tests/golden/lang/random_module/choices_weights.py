import random
random.seed(9)
print(random.choices("abc", k=10))
print(random.choices(["x", "y", "z"], [10, 1, 1], k=10))
print(random.choices(["x", "y", "z"], cum_weights=[1, 2, 12], k=10))
print(random.choices(range(5)), random.choices([1, 2], [0.5, 0.5], k=0))
