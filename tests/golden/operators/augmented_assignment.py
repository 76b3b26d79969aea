x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 2
print(x)
x //= 5
print(x)
x %= 3
print(x)
x **= 10
print(x)
x <<= 3
print(x)
x >>= 2
print(x)
x |= 7
print(x)
x &= 5
print(x)
x ^= 1
print(x)
x /= 2
print(x)
s = "ab"
s += "cd"
s *= 2
print(s)
