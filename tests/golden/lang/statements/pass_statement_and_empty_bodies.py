def f():
    pass
class C:
    pass
for i in range(2):
    pass
if True:
    pass
print(f(), type(C()).__name__, i)
