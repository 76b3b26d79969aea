t = (1,)
u = t
t += (2,)
print(t)
print(u)
print(t is u)
