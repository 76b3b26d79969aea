class A: pass
class B: pass
ops = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b,
       lambda a, b: a % b, lambda a, b: a ** b, lambda a, b: a @ b, lambda a, b: a // b,
       lambda a, b: a << b, lambda a, b: a & b]
for op in ops:
    try:
        op(A(), B())
    except TypeError as e:
        print(e)
try:
    -A()
except TypeError as e:
    print(e)
try:
    ~B()
except TypeError as e:
    print(e)
