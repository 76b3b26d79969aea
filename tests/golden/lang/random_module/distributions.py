import random
random.seed(10)
print(random.gauss(), random.gauss(1, 2), random.gauss(0, 1))
print(random.normalvariate(), random.normalvariate(5, 0.5))
print(random.expovariate(2), random.triangular(), random.triangular(0, 10, 2))
print(random.lognormvariate(0, 1), random.vonmisesvariate(1, 2))
print(random.gammavariate(2.5, 1), random.gammavariate(0.5, 1), random.gammavariate(1, 3))
print(random.betavariate(2, 3), random.paretovariate(3), random.weibullvariate(1, 2))
