x = 5
print(-x)
print(+x)
print(- -x)
print(-(-x))
print(~x)
print(-2.5)
print(+(-2.5))
