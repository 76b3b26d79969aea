a = []
a.append(1)
a.append("two")
a.append([3])
print(a)
print(len(a))
b = a
b.append(4)
print(a)
