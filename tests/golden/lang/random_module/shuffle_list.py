import random
random.seed(4)
items = list(range(20))
random.shuffle(items)
print(items)
words = ["a", "b", "c"]
random.shuffle(words)
print(words)
single = [1]
random.shuffle(single)
print(single)
