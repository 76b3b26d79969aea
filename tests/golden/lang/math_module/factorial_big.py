import math
print(math.factorial(0), math.factorial(1), math.factorial(20), math.factorial(21))
f = math.factorial(100)
print(f)
print(len(str(math.factorial(1000))), math.factorial(1000) % (10**9 + 7))
print(math.factorial(True), math.factorial(300) == math.prod(range(1, 301)))
