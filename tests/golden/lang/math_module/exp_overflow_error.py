import math
print(math.exp(709))
math.exp(1000)
