import math
print(math.gcd(), math.gcd(0), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 8), math.gcd(0, 0))
print(math.gcd(2**100, 2**80 * 3), math.gcd(10**30 + 1, 10**15))
print(math.lcm(), math.lcm(4, 6), math.lcm(-4, 6), math.lcm(3, 0, 5), math.lcm(2**64, 3), math.lcm(7))
print(math.gcd(True, 4))
