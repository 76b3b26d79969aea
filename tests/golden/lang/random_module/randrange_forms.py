# randrange(stop), randrange(start, stop), positive and negative steps, big ranges.
import random
random.seed(2)
print([random.randrange(10) for _ in range(8)])
print([random.randrange(5, 15) for _ in range(8)])
print([random.randrange(0, 100, 7) for _ in range(8)])
print([random.randrange(50, 0, -5) for _ in range(8)])
print(random.randrange(10**30), random.randrange(2**70, 2**71, 2**60))
print(random.randrange(True), random.randrange(3, 4))
