# Seeding again with the same value gives the same sequence; Random(n) too.
import random
random.seed(123)
first = [random.random() for _ in range(5)] + [random.randrange(10**6) for _ in range(5)]
random.seed(123)
again = [random.random() for _ in range(5)] + [random.randrange(10**6) for _ in range(5)]
print(first == again)
r = random.Random(123)
print([r.random() for _ in range(5)] == first[:5])
state = random.getstate()
after = [random.random() for _ in range(3)]
random.setstate(state)
print([random.random() for _ in range(3)] == after)
print(state[0], len(state[1]), state[2])
