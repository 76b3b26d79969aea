# Random instances keep their own generators; the module functions share one.
import random
a = random.Random(1)
b = random.Random(1)
x = a.random()
random.seed(99)
random.random()
print(x == b.random(), a.randint(1, 100), b.randint(1, 100))
class Dice(random.Random):
    def roll(self):
        return self.randint(1, 6)
d = Dice(5)
print([d.roll() for _ in range(10)])
