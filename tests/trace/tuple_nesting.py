# A tuple cannot change, but a list inside it can.
import sys

inner = [1]
t = (inner, "label", 7)
print("rc", "inner", sys.getrefcount(inner) - 1)
inner.append(2)
u = (t, t)
print("rc", "t", sys.getrefcount(t) - 1)
print(u[0][0])
