import random
random.seed(6)
print(random.sample(["red", "blue"], 5, counts=[4, 2]))
print(random.sample([1, 2, 3, 4], 2, counts=[1, 2, 3, 4]))
