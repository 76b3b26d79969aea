import random
random.seed(0)
random.randrange(5, 5)
