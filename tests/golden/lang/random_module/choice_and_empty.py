import random
random.seed(3)
print([random.choice("abcdef") for _ in range(10)])
print(random.choice(range(1000, 2000)), random.choice((None, True, 1.5)))
random.choice([])
