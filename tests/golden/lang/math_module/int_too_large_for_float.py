import math
print(math.floor(10**400) == 10**400)
math.sqrt(10**400)
