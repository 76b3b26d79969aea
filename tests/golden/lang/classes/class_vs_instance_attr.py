class C:
    shared = []
    n = 1
a = C()
b = C()
a.shared.append(1)
a.n = 5
print(b.shared, a.n, b.n, C.n)
del a.n
print(a.n)
C.n = 9
print(a.n, b.n)
